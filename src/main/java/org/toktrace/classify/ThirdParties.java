package org.toktrace.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.FlowBins;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.StateInterval;
import org.toktrace.model.ThirdPartyReport.DeviceContacts;
import org.toktrace.model.ThirdPartyReport;
import org.toktrace.model.ThirdPartyReport.Contact;
import org.toktrace.model.ThirdPartyReport.LoginContacts;

/**
 * Which third parties each device contacted while TikTok was in foreground or background, and when it
 * contacted TikTok's login services, from an analysis result alone (its flows and states).
 *
 * <p>A flow's bytes go to the state that holds each of its time bins (the bin's start), its time to
 * the overlap of {@code [first, last packet]} with each state interval; what falls outside every
 * interval (before TikTok's first traffic on the device, or a device without TikTok) is counted apart.
 */
public final class ThirdParties {

    /** The catalog categories that make a non-TikTok service a third party worth listing. */
    static final Set<Category> THIRD_PARTY = EnumSet.of(Category.ADS, Category.ANALYTICS, Category.CRASH, Category.LOGIN);

    static final String NOTE = "co-occurrence in time: a third party contacted while TikTok was in a state, "
            + "not proof that TikTok opened the connection (any app on the phone may have)";
    static final String LOGIN_NOTE = "TikTok records the address a login came from: the hotspot's public "
            + "address, which a capture on the hotspot's Wi-Fi side does not show";

    private ThirdParties() {
    }

    /** Whether {@code a} is a flow to a third-party service (ads, analytics, crash, login), not TikTok's. */
    public static boolean isThirdParty(Attribution a) {
        return a.service() != null && !a.isTikTok() && a.category() != null && THIRD_PARTY.contains(a.category());
    }

    /** The report of {@code result}. */
    public static ThirdPartyReport of(AnalysisResult result) {
        Map<Device.Id, DeviceStates> states = new HashMap<>();
        for (DeviceStates d : result.states()) {
            states.put(d.device(), d);
        }
        Map<Device.Id, Map<String, Sum>> byDevice = new LinkedHashMap<>();
        Map<Device.Id, Login> logins = new LinkedHashMap<>();
        for (FlowRecord f : result.flows()) {
            Attribution a = f.attribution();
            Device.Id device = Device.Id.of(f);
            if (a.isTikTok() && a.category() == Category.LOGIN) {
                logins.computeIfAbsent(device, k -> new Login()).add(f);
            } else if (isThirdParty(a)) {
                byDevice.computeIfAbsent(device, k -> new LinkedHashMap<>())
                        .computeIfAbsent(a.service(), k -> new Sum(a.category()))
                        .add(f, states.get(device));
            }
        }
        List<DeviceContacts> devices = new ArrayList<>();
        byDevice.forEach((device, sums) -> {
            List<Contact> contacts = new ArrayList<>();
            sums.forEach((service, s) -> contacts.add(s.contact(service)));
            contacts.sort(Comparator.comparingLong(Contact::bytes).reversed().thenComparing(Contact::service));
            devices.add(new DeviceContacts(device, states.containsKey(device), contacts));
        });
        devices.sort(Comparator.comparingLong((DeviceContacts d) ->
                d.services().stream().mapToLong(Contact::bytes).sum()).reversed());
        List<LoginContacts> loginList = new ArrayList<>();
        logins.forEach((device, l) -> loginList.add(
                new LoginContacts(device, l.first, l.last, l.flows, new ArrayList<>(l.names))));
        loginList.sort(Comparator.comparingLong(LoginContacts::firstNanos));
        return new ThirdPartyReport(devices, loginList, NOTE, LOGIN_NOTE);
    }

    private static final class Login {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long flows;
        final TreeSet<String> names = new TreeSet<>();

        void add(FlowRecord f) {
            first = Math.min(first, f.firstSeenNanos());
            last = Math.max(last, f.lastSeenNanos());
            flows++;
            if (f.attribution().serverName() != null) {
                names.add(f.attribution().serverName());
            }
        }
    }

    private static final class Sum {
        final Category category;
        long flows;
        final TreeSet<String> names = new TreeSet<>();
        long fgBytes;
        long bgBytes;
        long otherBytes;
        long fgNanos;
        long bgNanos;
        long otherNanos;

        Sum(Category category) {
            this.category = category;
        }

        void add(FlowRecord f, DeviceStates d) {
            flows++;
            if (f.attribution().serverName() != null) {
                names.add(f.attribution().serverName());
            }
            long span = f.lastSeenNanos() - f.firstSeenNanos();
            if (d == null) {
                otherBytes += f.bytes();
                otherNanos += span;
                return;
            }
            FlowBins b = f.bins();
            long binned = 0;
            for (int i = 0; i < b.size(); i++) {
                long bytes = b.bytesUp(i) + b.bytesDown(i);
                binned += bytes;
                AppState s = d.stateAt(b.binStartNanos(i));
                if (s == null) {
                    otherBytes += bytes;
                } else if (s.isBackground()) {
                    bgBytes += bytes;
                } else {
                    fgBytes += bytes;
                }
            }
            // a flow without bins (or with fewer bytes in them) keeps the rest by its first packet's state
            long rest = f.bytes() - binned;
            if (rest > 0) {
                AppState s = d.stateAt(f.firstSeenNanos());
                if (s == null) {
                    otherBytes += rest;
                } else if (s.isBackground()) {
                    bgBytes += rest;
                } else {
                    fgBytes += rest;
                }
            }
            long inside = 0;
            for (StateInterval i : d.intervals()) {
                long overlap = Math.min(f.lastSeenNanos(), i.endNanos()) - Math.max(f.firstSeenNanos(), i.startNanos());
                if (overlap > 0) {
                    inside += overlap;
                    if (i.state().isBackground()) {
                        bgNanos += overlap;
                    } else {
                        fgNanos += overlap;
                    }
                }
            }
            otherNanos += Math.max(0, span - inside);
        }

        Contact contact(String service) {
            return new Contact(service, category, flows, new ArrayList<>(names), fgBytes, bgBytes, otherBytes,
                    fgNanos, bgNanos, otherNanos);
        }
    }
}
