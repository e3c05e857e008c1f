package org.toktrace.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A veth pair for the live-capture tests, in one of two shapes. {@link #create()}: both ends inside
 * a network namespace of the test's own, both up, IPv6 off, no route: whatever is replayed into one
 * end is captured on the other (by a process started inside) and can never leave.
 * {@link #withCaptureEndHere()}: the capture end in this JVM's own (root) namespace, for a capture
 * by the desktop app under TestFX, guarded so that nothing reaches this namespace's network stack
 * and nothing is sent from it (see docs/decisions/0018-live-capture-test-bed.md). Closing deletes
 * everything made; a leftover of a killed run is deleted before a new one is made.
 */
public final class TestNetwork implements AutoCloseable {

    public static final String REPLAY_END = "ttv0";
    /** Named like a Linux hotspot interface, which the interface list should point out. */
    public static final String CAPTURE_END = "wlan0";
    /** The namespace's own test subnet, with the capture end as its gateway (.1). */
    public static final String SUBNET = "10.213.42.0/24";
    public static final String GATEWAY = "10.213.42.1/24";

    /** Names of what a test network makes, with the pid of the JVM that made it. */
    private static final Pattern OURS = Pattern.compile("(?:toktrace-it-|toktrace-fx-|ttfx|toktrace_fx_)(\\d+)");
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes");

    final String name;
    private final String captureEnd;
    /** The nftables table (family netdev) that guards a capture end in the root namespace; null otherwise. */
    private final String guard;
    private final Thread onExit;

    private TestNetwork(String name, String captureEnd, String guard) {
        this.name = name;
        this.captureEnd = captureEnd;
        this.guard = guard;
        // a run stopped by a signal (a surefire timeout, Ctrl+C on mvn) still removes what it made
        this.onExit = new Thread(this::remove, "toktrace-test-network-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Both ends inside a new namespace: {@link #REPLAY_END} to replay into, {@link #CAPTURE_END} to capture on. */
    public static TestNetwork create() throws IOException, InterruptedException {
        String name = "toktrace-it-" + ProcessHandle.current().pid();
        removeLeftovers();
        TestHost.check("ip", "netns", "add", name);
        TestNetwork net = new TestNetwork(name, CAPTURE_END, null);
        try {
            net.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            net.exec("ip", "link", "add", REPLAY_END, "type", "veth", "peer", "name", CAPTURE_END);
            // jumbo MTU: a generated frame larger than 1514 bytes must not fail to replay
            net.exec("ip", "link", "set", REPLAY_END, "mtu", "9000", "up");
            net.exec("ip", "link", "set", CAPTURE_END, "mtu", "9000", "up");
            net.exec("ip", "addr", "add", GATEWAY, "dev", CAPTURE_END);
            // the replayed phone asks ARP for its gateway, whose address this end now has: it must not answer,
            // or the capture would hold frames that were never replayed
            net.exec("ip", "link", "set", CAPTURE_END, "arp", "off");
            String routes = net.exec("ip", "-4", "route", "show", "default");
            if (!routes.isBlank()) {
                throw new IllegalStateException("the test namespace must have no default route: " + routes);
            }
        } catch (RuntimeException | IOException | InterruptedException | AssertionError e) {
            net.close();
            throw e;
        }
        return net;
    }

    /**
     * The replay end ({@link #REPLAY_END}) inside a new namespace, the capture end ({@link #captureEnd()},
     * {@code ttfxPID}) here in the root namespace, where a JVM under TestFX captures. The capture end
     * has no address, IPv6 and ARP off, and an nftables netdev table drops every frame at its ingress
     * hook (after the taps libpcap reads from, before the network stack: nothing replayed is routed,
     * forwarded or answered) and at its egress hook (nothing this namespace sends goes out, nor into
     * the capture). Needs nft (nftables): this kernel family's tc actions are not always built in.
     */
    public static TestNetwork withCaptureEndHere() throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        String name = "toktrace-fx-" + pid;
        String end = "ttfx" + pid;
        String guard = "toktrace_fx_" + pid;
        removeLeftovers();
        TestHost.check("ip", "netns", "add", name);
        TestNetwork net = new TestNetwork(name, end, guard);
        try {
            net.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            TestHost.check("ip", "link", "add", end, "type", "veth", "peer", "name", REPLAY_END, "netns", name);
            // all of it before the end is up: a link-local address or a router solicitation must never exist
            TestHost.check("sysctl", "-qw", "net.ipv6.conf." + end + ".disable_ipv6=1");
            TestHost.check("ip", "link", "set", end, "arp", "off", "mtu", "9000");
            Path rules = Files.createTempFile("toktrace-guard", ".nft");
            try {
                Files.writeString(rules, "table netdev " + guard + " {\n"
                        + "  chain in { type filter hook ingress device \"" + end + "\" priority -500; policy drop; counter; }\n"
                        + "  chain out { type filter hook egress device \"" + end + "\" priority -500; policy drop; counter; }\n"
                        + "}\n");
                TestHost.check("nft", "-f", rules.toString());
            } finally {
                Files.deleteIfExists(rules);
            }
            TestHost.check("ip", "link", "set", end, "up");
            net.exec("ip", "link", "set", REPLAY_END, "mtu", "9000", "up");
            String addresses = TestHost.check("ip", "-o", "addr", "show", "dev", end);
            if (!addresses.isBlank()) {
                throw new IllegalStateException("the capture end must have no address: " + addresses);
            }
            if (!TestHost.check("nft", "list", "chain", "netdev", guard, "in").contains("policy drop")) {
                throw new IllegalStateException("the capture end is not guarded by a drop");
            }
        } catch (RuntimeException | IOException | InterruptedException | AssertionError e) {
            net.close();
            throw e;
        }
        return net;
    }

    /** The interface to capture on. */
    public String captureEnd() {
        return captureEnd;
    }

    /** Frames the guard dropped at the capture end's ingress: every frame that arrived there. */
    public long framesDroppedOnArrival() throws IOException, InterruptedException {
        if (guard == null) {
            throw new IllegalStateException("this network has no guard");
        }
        Matcher m = COUNTER.matcher(TestHost.check("nft", "list", "chain", "netdev", guard, "in"));
        if (!m.find()) {
            throw new IllegalStateException("no counter on the guard");
        }
        return Long.parseLong(m.group(1));
    }

    /** Runs a command inside the namespace; it must succeed. */
    public String exec(String... command) throws IOException, InterruptedException {
        return TestHost.check(inside(command));
    }

    /** The command line that runs {@code command} inside the namespace. */
    public String[] inside(String... command) {
        String[] all = new String[command.length + 4];
        all[0] = "ip";
        all[1] = "netns";
        all[2] = "exec";
        all[3] = name;
        System.arraycopy(command, 0, all, 4, command.length);
        return all;
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs remove() again, which finds nothing
        }
    }

    private void remove() {
        try {
            if (guard != null) {
                TestHost.run(30, "ip", "link", "del", captureEnd); // deletes its peer in the namespace too
                TestHost.run(30, "nft", "delete", "table", "netdev", guard);
            }
            TestHost.run(30, "ip", "netns", "del", name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Deletes the namespaces, links and guard tables of test networks whose JVM is gone (killed before
     * it could clean up), and this JVM's own of an earlier test; another JVM's, still running, stay.
     */
    static void removeLeftovers() throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        List<String[]> deletions = new ArrayList<>();
        for (String line : TestHost.run(30, "ip", "-o", "link", "show").out().split("\\R")) {
            // "12: ttfx4711@if2: <BROADCAST,...>"
            String[] parts = line.split(":\\s+|@", 3);
            if (parts.length > 1 && leftover(parts[1], "ttfx", self)) {
                deletions.add(new String[] {"ip", "link", "del", parts[1]});
            }
        }
        for (String line : TestHost.run(30, "ip", "netns", "list").out().split("\\R")) {
            String ns = line.split("\\s+")[0];
            if (leftover(ns, "toktrace-it-", self) || leftover(ns, "toktrace-fx-", self)) {
                deletions.add(new String[] {"ip", "netns", "del", ns});
            }
        }
        TestHost.Result tables;
        try {
            tables = TestHost.run(30, "nft", "list", "tables", "netdev");
        } catch (IOException e) {
            tables = new TestHost.Result(127, "", "no nft"); // without nftables no guard can have been made
        }
        for (String line : tables.exit() == 0 ? tables.out().split("\\R") : new String[0]) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 3 && leftover(words[2], "toktrace_fx_", self)) {
                deletions.add(new String[] {"nft", "delete", "table", "netdev", words[2]});
            }
        }
        for (String[] d : deletions) {
            TestHost.run(30, d);
        }
    }

    private static boolean leftover(String name, String prefix, long self) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        Matcher m = OURS.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return pid == self || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
}
