package org.toktrace.analysis;

import org.toktrace.attribute.ServerNetworkDirectory;
import org.toktrace.attribute.ServiceCatalog;

/**
 * Which TokTrace and which bundled data an analysis made here uses, so another person can reproduce
 * it: the tool's version, the service catalog's version and the date of the network table.
 *
 * @param tool        the version in the jar's manifest, or {@code development build} when run from classes
 * @param catalog     the bundled service catalog's {@code # version:} line
 * @param networkData the date of the bundled table of networks (AS, operator, country)
 */
public record DataVersions(String tool, String catalog, String networkData) {

    /** The versions of this running TokTrace. */
    public static DataVersions current() {
        String v = DataVersions.class.getPackage().getImplementationVersion();
        return new DataVersions(v == null ? "development build" : v, ServiceCatalog.bundled().version(),
                ServerNetworkDirectory.bundled().dataDate());
    }
}
