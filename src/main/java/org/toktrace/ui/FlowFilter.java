package org.toktrace.ui;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.toktrace.model.AppState;
import org.toktrace.model.Attribution;
import org.toktrace.model.Category;
import org.toktrace.model.Device;
import org.toktrace.model.FlowRecord;
import org.toktrace.model.ServerNetwork;
import org.toktrace.model.ServerNetworks;

/**
 * What the flows table shows: TikTok only or all, one state, one category, one device, and free
 * text matched case-insensitively against names, addresses, ports, service and transport. A text
 * of the form {@code field:value} matches one field instead, as a display filter does:
 * {@code country:DE} (the server address's country), {@code operator:akamai} (a part of the
 * network operator's name or its {@code AS} number) and {@code service:appsflyer} (a part of the
 * service's name).
 *
 * @param state    null for any
 * @param category null for any
 * @param device   the device whose flows to show; null for all devices
 * @param text     empty for any
 * @param networks where server addresses belong, for {@code country:} and {@code operator:}; null
 *                 while the table loads (those fields then match nothing)
 */
public record FlowFilter(boolean tiktokOnly, AppState state, Category category, Device.Id device, String text,
        ServerNetworks networks) implements Predicate<FlowRecord> {

    /** Every flow. */
    public static final FlowFilter ALL = new FlowFilter(false, null, null, null, "");

    private static final Pattern FIELD = Pattern.compile("(country|operator|service):\\s*(\\S.*)");

    public FlowFilter {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    public FlowFilter(boolean tiktokOnly, AppState state, Category category, Device.Id device, String text) {
        this(tiktokOnly, state, category, device, text, null);
    }

    @Override
    public boolean test(FlowRecord flow) {
        Attribution a = flow.attribution();
        if (tiktokOnly && !a.isTikTok()) {
            return false;
        }
        if (state != null && !matches(state, a.state())) {
            return false;
        }
        if (category != null && a.category() != category) {
            return false;
        }
        if (!Device.includes(device, Device.Id.of(flow))) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        Matcher field = FIELD.matcher(text);
        return field.matches() ? fieldMatches(field.group(1), field.group(2), flow) : searchable(flow).contains(text);
    }

    private boolean fieldMatches(String field, String value, FlowRecord flow) {
        if (field.equals("service")) {
            String service = flow.attribution().service();
            return service != null && service.toLowerCase(Locale.ROOT).contains(value);
        }
        if (networks == null) {
            return false;
        }
        ServerNetwork n = networks.network(flow.key().server());
        return field.equals("country") ? n.country().equalsIgnoreCase(value)
                : n.operatorText().toLowerCase(Locale.ROOT).contains(value);
    }

    /** Background matches every background state; the others match themselves. */
    private static boolean matches(AppState wanted, AppState state) {
        return state != null && (state == wanted || (wanted == AppState.BACKGROUND && state.isBackground()));
    }

    private static String searchable(FlowRecord f) {
        Attribution a = f.attribution();
        StringBuilder sb = new StringBuilder(128)
                .append(f.id()).append(' ')
                .append(f.key().transportName()).append(' ')
                .append(f.key().client()).append(' ').append(f.key().clientPort()).append(' ')
                .append(f.key().server()).append(' ').append(f.key().serverPort()).append(' ')
                .append(Device.Id.of(f).label()).append(' ');
        if (a.serverName() != null) {
            sb.append(a.serverName()).append(' ').append(a.evidence().source().label()).append(' ');
        } else {
            String role = EvidenceText.nameServerRole(f); // what the table shows instead of a name: "DNS lookups"
            if (role != null) {
                sb.append(role).append(' ');
            }
        }
        if (a.service() != null) {
            sb.append(a.service()).append(' ');
        }
        if (a.category() != null) {
            sb.append(a.category().label()).append(' ');
        }
        if (a.state() != null) {
            sb.append(a.state().label());
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public FlowFilter withTiktokOnly(boolean b) {
        return new FlowFilter(b, state, category, device, text, networks);
    }

    public FlowFilter withState(AppState s) {
        return new FlowFilter(tiktokOnly, s, category, device, text, networks);
    }

    public FlowFilter withCategory(Category c) {
        return new FlowFilter(tiktokOnly, state, c, device, text, networks);
    }

    public FlowFilter withDevice(Device.Id d) {
        return new FlowFilter(tiktokOnly, state, category, d, text, networks);
    }

    public FlowFilter withText(String t) {
        return new FlowFilter(tiktokOnly, state, category, device, t, networks);
    }
}
