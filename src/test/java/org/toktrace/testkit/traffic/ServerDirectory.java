package org.toktrace.testkit.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers phones talk to: each name with what it serves, the CNAME chain its DNS answer
 * carries, and its addresses. Addresses derive from the names, so every capture agrees on them.
 * The names are plausible, not a claim about where any company hosts what.
 */
public final class ServerDirectory {

    /** What a server is for; the TikTok roles map to the categories of DESIGN.md section 4 (see {@link GroundTruth}). */
    public enum Role { VIDEO, IMAGE, API, TELEMETRY, PUSH, OTHER_WEB, OTHER_PUSH, NTP, OTHER_VIDEO }

    record Server(String name, Role role, boolean tiktok, List<String> cnames, List<Addr> v4, List<Addr> v6, int port) {
    }

    private final Map<String, Server> byName = new LinkedHashMap<>();
    /** Servers a scenario added: only its {@link Extras.Visit}s reach them, never the phones' usual behaviour. */
    private final java.util.Set<String> extra = new java.util.HashSet<>();

    ServerDirectory() {
        // TikTok video CDNs (Akamai- and ByteDance-fronted), images, API, logs, the push long connection
        akamai("v16-webapp-prime.tiktok.com", Role.VIDEO, true);
        bytedance("v16m-default.tiktokcdn-us.com", Role.VIDEO);
        akamai("v19-webapp-prime.us.tiktok.com", Role.VIDEO, true);
        bytedance("v77.tiktokcdn-us.com", Role.VIDEO);
        akamai("p16-sign.tiktokcdn-us.com", Role.IMAGE, true);
        bytedance("p16-sign-va.tiktokcdn.com", Role.IMAGE);
        bytedance("p77-sign.tiktokcdn-us.com", Role.IMAGE);
        akamai("api16-normal-c-useast1a.tiktokv.com", Role.API, true);
        bytedance("api16-core-c-useast1a.tiktokv.com", Role.API);
        bytedance("log16-normal-c-useast1a.tiktokv.com", Role.TELEMETRY);
        bytedance("mon16-normal-useast5.tiktokv.us", Role.TELEMETRY);
        bytedance("frontier-va.tiktokv.com", Role.PUSH);
        // everything else a phone does meanwhile
        google("www.google.com", Role.OTHER_WEB, List.of(), 443);
        google("play.googleapis.com", Role.OTHER_WEB, List.of(), 443);
        google("i.ytimg.com", Role.OTHER_WEB, List.of("ytimg.l.google.com"), 443);
        google("firebaselogging-pa.googleapis.com", Role.OTHER_WEB, List.of(), 443);
        google("mtalk.google.com", Role.OTHER_PUSH, List.of("mobile-gtalk.l.google.com"), 5228);
        google("time.android.com", Role.NTP, List.of("time.android.com.akadns.net"), 123);
        // another app's video, reached only with Habits that ask for it
        google(PhoneBehaviour.OTHER_VIDEO_SERVER, Role.OTHER_VIDEO, List.of("sn-5hne6nzk.googlevideo.com"), 443);
        add(new Server("graph.facebook.com", Role.OTHER_WEB, false, List.of("star.c10r.facebook.com"),
                List.of(Addr.v4(157, 240, 22, 19)), List.of(Addr.v6(0x2a03, 0x2880, 0xf12d, 0x83, 0xface, 0xb00c, 0, 0x25de)), 443));
        add(new Server("api.spotify.com", Role.OTHER_WEB, false, List.of("edge-web.dual-gslb.spotify.com"),
                List.of(Addr.v4(35, 186, 224, 25)), List.of(), 443));
    }

    private void akamai(String name, Role role, boolean dual) {
        String edge = "a" + (1000 + Math.floorMod(name.hashCode(), 8000)) + ".dscr.akamai.net";
        int h = name.hashCode();
        List<Addr> v4 = List.of(Addr.v4(23, 32 + Math.floorMod(h, 16), (h >>> 8) & 0xFF, 10 + ((h >>> 16) & 0x7F)),
                Addr.v4(23, 32 + Math.floorMod(h >>> 4, 16), (h >>> 12) & 0xFF, 140 + ((h >>> 20) & 0x3F)));
        List<Addr> v6 = dual ? List.of(Addr.v6(0x2600, 0x1406, 0x3c00 | (h & 0xFF), 0x18, 0, 0, 0x1730 + ((h >>> 8) & 0xF), 0x2b5a))
                : List.of();
        add(new Server(name, role, true, List.of(name + ".edgesuite.net", edge), v4, v6, 443));
    }

    private void bytedance(String name, Role role) {
        int h = name.hashCode();
        String zone = name.substring(name.indexOf('.') + 1);
        List<Addr> v4 = List.of(Addr.v4(128, 1, 10 + Math.floorMod(h, 200), 10 + ((h >>> 8) & 0x7F)),
                Addr.v4(161, 117, 70 + Math.floorMod(h >>> 3, 60), 20 + ((h >>> 16) & 0x7F)));
        add(new Server(name, role, true, List.of(name + ".ttdns2.com", zone + ".c.bytefcdn-oversea.com"), v4, List.of(), 443));
    }

    private void google(String name, Role role, List<String> cnames, int port) {
        int h = name.hashCode();
        List<Addr> v4 = List.of(Addr.v4(142, 250, 64 + Math.floorMod(h, 128), 4 + ((h >>> 8) & 0x7F)));
        List<Addr> v6 = List.of(Addr.v6(0x2a00, 0x1450, 0x4001, 0x800 + Math.floorMod(h, 64), 0, 0, 0, 0x2004 + ((h >>> 8) & 0xFF)));
        add(new Server(name, role, false, cnames, v4, v6, port));
    }

    private void add(Server s) {
        byName.put(s.name(), s);
    }

    /** Adds a server a scenario brings along ({@link Extras}); its name must be new. */
    void addExtra(Server s) {
        if (byName.containsKey(s.name())) {
            throw new IllegalArgumentException("server " + s.name() + " is already in the directory");
        }
        add(s);
        extra.add(s.name());
    }

    /** Every server, in the order they were added. */
    List<Server> all() {
        return List.copyOf(byName.values());
    }

    Server get(String name) {
        Server s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown server " + name);
        }
        return s;
    }

    /** The standard servers of {@code role} (not the added ones), for the phones' usual behaviour to pick from. */
    List<Server> withRole(Role role) {
        List<Server> out = new ArrayList<>();
        for (Server s : byName.values()) {
            if (s.role() == role && !extra.contains(s.name())) {
                out.add(s);
            }
        }
        return out;
    }
}
