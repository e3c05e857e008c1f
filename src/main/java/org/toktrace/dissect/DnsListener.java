package org.toktrace.dissect;

import org.toktrace.model.DnsAnswer;

/** Receives every DNS response the dissectors read, in capture order, on the analysis thread. */
@FunctionalInterface
public interface DnsListener {

    /** One response: who asked, what, and the A, AAAA and CNAME records answered. */
    void dnsAnswer(DnsAnswer answer);
}
