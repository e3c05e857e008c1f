package org.toktrace.live;

import java.io.IOException;

/**
 * A network namespace of the test's own with a veth pair inside it, both ends up, IPv6 off (so the
 * kernel sends no neighbour discovery of its own), no route and no other interface: whatever is
 * replayed into one end is captured on the other and can never leave. Deleted on close, which also
 * deletes the pair.
 */
final class TestNetwork implements AutoCloseable {

    static final String REPLAY_END = "ttv0";
    /** Named like a Linux hotspot interface, which the interface list should point out. */
    static final String CAPTURE_END = "wlan0";
    /** The namespace's own test subnet, with the capture end as its gateway (.1). */
    static final String SUBNET = "10.213.42.0/24";
    static final String GATEWAY = "10.213.42.1/24";

    final String name;

    private TestNetwork(String name) {
        this.name = name;
    }

    static TestNetwork create() throws IOException, InterruptedException {
        String name = "toktrace-it-" + ProcessHandle.current().pid();
        TestHost.run(30, "ip", "netns", "del", name); // a leftover of a killed run, if any
        TestHost.check("ip", "netns", "add", name);
        TestNetwork net = new TestNetwork(name);
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

    /** Runs a command inside the namespace; it must succeed. */
    String exec(String... command) throws IOException, InterruptedException {
        return TestHost.check(inside(command));
    }

    /** The command line that runs {@code command} inside the namespace. */
    String[] inside(String... command) {
        String[] all = new String[command.length + 4];
        all[0] = "ip";
        all[1] = "netns";
        all[2] = "exec";
        all[3] = name;
        System.arraycopy(command, 0, all, 4, command.length);
        return all;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        TestHost.run(30, "ip", "netns", "del", name);
    }
}
