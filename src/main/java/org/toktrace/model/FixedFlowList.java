package org.toktrace.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A list of flows that never changes once made, so that a result can hold it as it is rather than
 * copy it: a capture's flows kept on disk, read back one at a time, are one. Writes are refused.
 */
public abstract class FixedFlowList extends AbstractList<FlowRecord> implements RandomAccess {
}
