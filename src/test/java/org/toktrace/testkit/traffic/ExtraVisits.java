package org.toktrace.testkit.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.toktrace.testkit.traffic.ServerDirectory.Server;
import org.toktrace.testkit.traffic.TcpConversation.Close;
import org.toktrace.testkit.traffic.TcpConversation.Exchange;

/** The {@link Extras.Visit}s of one phone: writes no frame itself, starts each connection when due. */
final class ExtraVisits extends Conversation {

    private record Due(long time, Extras.Visit visit) {
    }

    private final Hotspot h;
    private final Phone phone;
    private final List<Due> plan = new ArrayList<>();
    private int next;

    ExtraVisits(Hotspot h, Phone phone, List<Extras.Visit> visits, long start) {
        this.h = h;
        this.phone = phone;
        for (Extras.Visit v : visits) {
            h.directory.get(v.server()); // fail early on an unknown name
            for (int i = 0; i < v.perPhone(); i++) {
                plan.add(new Due(start + Hotspot.seconds(h.between(v.fromSeconds(), v.toSeconds())), v));
            }
        }
        plan.sort((a, b) -> Long.compare(a.time(), b.time()));
        this.time = plan.isEmpty() ? start : plan.get(0).time();
    }

    boolean isEmpty() {
        return plan.isEmpty();
    }

    @Override
    boolean step(FrameSink sink) throws IOException {
        Due d = plan.get(next++);
        Extras.Visit v = d.visit();
        Server s = h.directory.get(v.server());
        long t = v.dns() ? PhoneBehaviour.resolve(h, phone, s, d.time()) : d.time();
        Addr address = PhoneBehaviour.address(h, phone, s);
        int port = v.hello().http() ? 80 : s.port();
        TcpConversation.Exchanges exchanges;
        Close close;
        if (v.keepOpen()) {
            exchanges = now -> new Exchange(Hotspot.seconds(h.between(20, 60)), (int) h.between(40, 400),
                    h.between(40, 2_000), 5e6);
            close = Close.OPEN;
        } else {
            int n = 1 + h.rng.nextInt(2);
            int[] done = {0};
            exchanges = now -> done[0]++ < n ? new Exchange(Hotspot.ms(h.between(5, 300)), (int) h.between(300, 900),
                    h.between(2_000, 60_000), h.between(5e6, 20e6)) : null;
            close = Close.FIN;
        }
        h.start(new TcpConversation(h, phone, address, port, s.name(), t, exchanges, close, v.hello())
                .noted(GroundTruth.Purpose.VISIT, s.name(), t));
        if (next < plan.size()) {
            time = plan.get(next).time();
            return true;
        }
        return false;
    }
}
