package org.toktrace.model;

import java.util.List;
import java.util.Objects;

/**
 * The third parties (ads, analytics, crash reporting, login services) each device contacted, split by
 * TikTok's state on that device at the time, and the moments a device contacted TikTok's login
 * services. Co-occurrence in time only: a flow to an analytics host while TikTok is in foreground does
 * not show that TikTok opened it.
 *
 * @param devices  devices with at least one third-party flow, the most third-party bytes first
 * @param logins   devices that contacted TikTok's login services, in order of first contact
 * @param note     what the split means, in one sentence
 * @param loginNote what a login flow does not show, in one sentence
 */
public record ThirdPartyReport(List<DeviceContacts> devices, List<LoginContacts> logins, String note, String loginNote) {

    /** A report without third parties and logins. */
    public static final ThirdPartyReport NONE = new ThirdPartyReport(List.of(), List.of(), "", "");

    public ThirdPartyReport {
        devices = List.copyOf(devices);
        logins = List.copyOf(logins);
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(loginNote, "loginNote");
    }

    /**
     * One device's third parties.
     *
     * @param tiktokSeen false when the device has no TikTok traffic, so no state to split by
     */
    public record DeviceContacts(Device.Id device, boolean tiktokSeen, List<Contact> services) {
        public DeviceContacts {
            Objects.requireNonNull(device, "device");
            services = List.copyOf(services);
        }
    }

    /**
     * One third-party service on one device: its flows, and their bytes and time while TikTok was in
     * foreground, in background (minimized, closed or either), or in no TikTok state (before TikTok's
     * first traffic on the device, or on a device without TikTok).
     *
     * @param names the server names seen, sorted
     */
    public record Contact(String service, Category category, long flows, List<String> names,
            long foregroundBytes, long backgroundBytes, long otherBytes,
            long foregroundNanos, long backgroundNanos, long otherNanos) {
        public Contact {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(category, "category");
            names = List.copyOf(names);
            if (flows < 0 || foregroundBytes < 0 || backgroundBytes < 0 || otherBytes < 0 || foregroundNanos < 0
                    || backgroundNanos < 0 || otherNanos < 0) {
                throw new IllegalArgumentException("negative total");
            }
        }

        public long bytes() {
            return foregroundBytes + backgroundBytes + otherBytes;
        }
    }

    /**
     * When one device contacted TikTok's login services: first and last packet (epoch ns) and the number
     * of flows, with the server names seen, sorted.
     */
    public record LoginContacts(Device.Id device, long firstNanos, long lastNanos, long flows, List<String> names) {
        public LoginContacts {
            Objects.requireNonNull(device, "device");
            names = List.copyOf(names);
            if (lastNanos < firstNanos || flows < 1) {
                throw new IllegalArgumentException("a login contact needs a flow and a time span");
            }
        }
    }
}
