package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.toktrace.model.AppState;
import org.toktrace.model.Category;
import org.toktrace.model.FlowKey;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.traffic.ServerDirectory.Role;

/**
 * What a generated capture's servers really are, for tests to check attribution against: each
 * server's name, whether it is TikTok's and what for, derived from the {@link ServerDirectory} the
 * generator used (the standard servers plus the scenario's {@link Extras}), so there is one list.
 * The truth a generator run returns ({@link HotspotTrafficGenerator.Summary#truth()}) also holds
 * what the capture itself cannot show: every connection the phones opened with what it was for, and
 * per device what the app was doing over time ({@link #activityAt}).
 *
 * <p>A server's truth is its role, not what a capture can show: a TikTok video server reached
 * without name, lookup or memory is still a video server here, even though attribution can only
 * say "TikTok (IP range), other" for it.
 */
public final class GroundTruth {

    /**
     * One server.
     *
     * @param service   "TikTok" for TikTok's servers, "Google FCM" for the platform push channel,
     *                  null for the rest (no claim about which service the catalog names)
     * @param category  for TikTok servers: from the role (VIDEO video, IMAGE image, API api,
     *                  TELEMETRY telemetry, PUSH push, any other role other); null otherwise
     */
    public record Server(String name, Role role, boolean tiktok, String service, Category category, List<String> cnames,
            List<IpAddress> addresses, int port) {
    }

    /** What the app was doing on a phone; only scrolling is foreground, minimized and closed are background. */
    public enum Activity {
        /** On screen, the user swiping through videos (with pauses on some) or watching a live stream. */
        SCROLLING,
        /** Out of sight but running: telemetry, API sync, now and then a pre-load. */
        MINIMIZED,
        /** Swiped away: only the push connection's keepalives. */
        CLOSED;

        public AppState state() {
            return this == SCROLLING ? AppState.FOREGROUND : AppState.BACKGROUND;
        }
    }

    /**
     * What a connection was for in the user's behaviour. {@link #LIVE}, {@link #CRASH_LOG} and
     * {@link #APP_API} come from {@link ViewingBehaviour} only: a live stream, the diagnostics log
     * posted after a close, and the API connection the running app keeps open.
     */
    public enum Purpose {
        VIDEO, PRELOAD, IMAGE, API, TELEMETRY, PUSH, PLATFORM_PUSH, OTHER_APP, OTHER_VIDEO, VISIT, LIVE, CRASH_LOG, APP_API
    }

    /** One stretch {@code [startNanos, endNanos)} of one activity on one device (its MAC address as text). */
    public record Period(String device, Activity activity, long startNanos, long endNanos) {
    }

    /**
     * One connection a phone opened (TCP or QUIC; the capture's DNS, NTP, mDNS, ICMP and ARP are not
     * listed and are none of them TikTok's), with its server's truth.
     *
     * @param device    the phone's MAC address as text, as the analysis names devices
     * @param category  for TikTok servers, the category of the server's role; null otherwise
     */
    public record Flow(String device, String transport, IpAddress client, int clientPort, IpAddress server,
            int serverPort, String serverName, Purpose purpose, long startNanos, boolean tiktok, Category category) {
    }

    private final List<Server> servers = new ArrayList<>();
    private final Map<String, Server> byName = new LinkedHashMap<>();
    private final Map<IpAddress, List<Server>> byAddress = new TreeMap<>();
    private final List<Flow> flows = new ArrayList<>();
    private final Map<FlowKey, Flow> flowsByKey = new HashMap<>();
    private final Map<String, List<Period>> periods = new LinkedHashMap<>();

    private GroundTruth(ServerDirectory directory) {
        for (ServerDirectory.Server s : directory.all()) {
            List<IpAddress> addresses = new ArrayList<>();
            s.v4().forEach(a -> addresses.add(toIp(a)));
            s.v6().forEach(a -> addresses.add(toIp(a)));
            Server t = new Server(s.name(), s.role(), s.tiktok(), service(s), s.tiktok() ? category(s.role()) : null,
                    s.cnames(), List.copyOf(addresses), s.port());
            servers.add(t);
            byName.put(t.name(), t);
            for (IpAddress a : addresses) {
                byAddress.computeIfAbsent(a, k -> new ArrayList<>()).add(t);
            }
        }
    }

    /** The truth of one generated capture: its servers, connections and activities. */
    GroundTruth(ServerDirectory directory, List<Flow> connections, List<Period> activities) {
        this(directory);
        for (Flow f : connections) {
            flows.add(f);
            flowsByKey.put(new FlowKey("UDP".equals(f.transport()) ? 17 : 6, f.client(), f.clientPort(), f.server(),
                    f.serverPort()), f);
        }
        for (Period p : activities) {
            periods.computeIfAbsent(p.device(), d -> new ArrayList<>()).add(p);
        }
    }

    /** The servers of the standard scenarios. */
    public static GroundTruth standard() {
        return of(Extras.NONE);
    }

    /** The servers of a capture generated with {@code extras}. */
    public static GroundTruth of(Extras extras) {
        return new GroundTruth(HotspotTrafficGenerator.directory(extras));
    }

    public List<Server> servers() {
        return List.copyOf(servers);
    }

    public Server named(String name) {
        Server s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no server " + name);
        }
        return s;
    }

    /** The server at {@code address}; empty for addresses no server has (the phones, the gateway, multicast). */
    public Optional<Server> at(IpAddress address) {
        List<Server> l = byAddress.get(address);
        if (l == null) {
            return Optional.empty();
        }
        if (l.size() > 1) {
            throw new IllegalStateException(address + " is shared by " + l.stream().map(Server::name).toList());
        }
        return Optional.of(l.get(0));
    }

    /** Addresses more than one server has: the truth of a flow to them would be ambiguous. */
    public Map<IpAddress, List<String>> sharedAddresses() {
        Map<IpAddress, List<String>> shared = new TreeMap<>();
        byAddress.forEach((a, l) -> {
            if (l.size() > 1) {
                shared.put(a, l.stream().map(Server::name).toList());
            }
        });
        return shared;
    }

    /** The connections the phones opened, in the order they were planned; empty for a servers-only truth. */
    public List<Flow> flows() {
        return Collections.unmodifiableList(flows);
    }

    /** The connection with this key (protocol, client and server endpoints), if a phone opened it. */
    public Optional<Flow> flow(FlowKey key) {
        return Optional.ofNullable(flowsByKey.get(key));
    }

    /** The devices with activities, as MAC text, in phone order. */
    public List<String> devices() {
        return List.copyOf(periods.keySet());
    }

    /** The activities of {@code device} in time order, contiguous; the last one ends with the capture. */
    public List<Period> periods(String device) {
        return List.copyOf(periods.getOrDefault(device, List.of()));
    }

    /** What the app on {@code device} was doing at {@code nanos}; null for an unknown device or outside the capture. */
    public Activity activityAt(String device, long nanos) {
        List<Period> l = periods.get(device);
        if (l == null) {
            return null;
        }
        int lo = 0;
        int hi = l.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Period p = l.get(mid);
            if (nanos < p.startNanos()) {
                hi = mid - 1;
            } else if (nanos >= p.endNanos()) {
                lo = mid + 1;
            } else {
                return p.activity();
            }
        }
        return null;
    }

    /**
     * Writes the truth files of a capture: {@code PREFIX-flows.csv} (one row per connection: device,
     * transport, endpoints, server name, purpose, TikTok or not, category) and {@code PREFIX-states.csv}
     * (one row per device and whole second: the app's activity and state at the end of that second, the
     * state its traffic belongs to, see {@link StateScore}).
     */
    public void write(Path prefix) throws IOException {
        Path dir = prefix.toAbsolutePath().getParent();
        String base = prefix.getFileName().toString();
        try (Writer w = Files.newBufferedWriter(dir.resolve(base + "-flows.csv"), StandardCharsets.UTF_8)) {
            w.write("start_ns,device,transport,client_ip,client_port,server_ip,server_port,server_name,purpose,tiktok,category\r\n");
            for (Flow f : flows) {
                w.write(f.startNanos() + "," + f.device() + "," + f.transport() + "," + f.client() + "," + f.clientPort()
                        + "," + f.server() + "," + f.serverPort() + "," + f.serverName() + ","
                        + f.purpose().name().toLowerCase(Locale.ROOT) + "," + f.tiktok() + ","
                        + (f.category() == null ? "" : f.category().label()) + "\r\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(base + "-states.csv"), StandardCharsets.UTF_8)) {
            w.write("second_ns,device,activity,state\r\n");
            for (List<Period> l : periods.values()) {
                for (Period p : l) {
                    long first = Math.floorDiv(p.startNanos(), 1_000_000_000L);
                    for (long s = first; s * 1_000_000_000L < p.endNanos(); s++) {
                        long last = s * 1_000_000_000L + 999_999_999L;
                        if (last >= p.startNanos() && last < p.endNanos()) {
                            w.write(s * 1_000_000_000L + "," + p.device() + "," + p.activity().name().toLowerCase(Locale.ROOT)
                                    + "," + p.activity().state().label() + "\r\n");
                        }
                    }
                }
            }
        }
    }

    /** The category a TikTok server's role stands for. */
    public static Category category(Role role) {
        return switch (role) {
            case VIDEO -> Category.VIDEO;
            case IMAGE -> Category.IMAGE;
            case API -> Category.API;
            case TELEMETRY -> Category.TELEMETRY;
            case PUSH -> Category.PUSH;
            default -> Category.OTHER;
        };
    }

    private static String service(ServerDirectory.Server s) {
        if (s.tiktok()) {
            return "TikTok";
        }
        if (s.role() == Role.OTHER_PUSH && (s.name().equals("google.com") || s.name().endsWith(".google.com"))) {
            return "Google FCM";
        }
        return null;
    }

    static IpAddress toIp(Addr a) {
        byte[] b = a.bytes();
        if (!a.v6) {
            return IpAddress.ofV4(a.v4);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xFF);
            lo = (lo << 8) | (b[8 + i] & 0xFF);
        }
        return IpAddress.ofV6(hi, lo);
    }
}
