package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.toktrace.model.Category;
import org.toktrace.model.IpAddress;
import org.toktrace.testkit.traffic.ServerDirectory.Role;

/**
 * What a generated capture's servers really are, for tests to check attribution against: each
 * server's name, whether it is TikTok's and what for, derived from the {@link ServerDirectory} the
 * generator used (the standard servers plus the scenario's {@link Extras}), so there is one list.
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

    private final List<Server> servers = new ArrayList<>();
    private final Map<String, Server> byName = new LinkedHashMap<>();
    private final Map<IpAddress, List<Server>> byAddress = new TreeMap<>();

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
