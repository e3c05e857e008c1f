package org.toktrace.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.toktrace.model.AnalysisResult;
import org.toktrace.model.DeviceStates;
import org.toktrace.model.Device;

/**
 * A device as the pickers offer it: the {@link Device} (its {@link #id()} is what states, flows,
 * the timeline and marks use; its {@link #key()} the picker's item), how a person knows it
 * ({@link #title()}: the name it gave itself over DHCP or mDNS with the MAC,
 * {@code Pixel-7 · 0a:33:ef:6f:f8:6c}), its addresses and whether TikTok was seen on it. Plain Java,
 * built off the UI thread.
 *
 * @param device   the device
 * @param detail   one line for a tooltip: addresses, where the name came from, TikTok or not
 * @param tiktok   TikTok traffic was seen from it
 * @param hasFlows it has flows (a device can announce itself over DHCP or mDNS before it has any)
 */
public record DeviceChoice(Device device, String detail, boolean tiktok, boolean hasFlows) {

    /** Which device: what states, flows, the timeline and marks are filtered by. */
    public Device.Id id() {
        return device.id();
    }

    /** The picker's item for the device: its {@link Device#label()}. */
    public String key() {
        return device.label();
    }

    /** {@link Device#title()}: escaped, whatever the packet said. */
    public String title() {
        return device.title();
    }

    /** Addresses named in a tooltip at most; a phone with many IPv6 privacy addresses would fill the screen. */
    static final int ADDRESSES_SHOWN = 6;

    /**
     * The devices of {@code r}, as a person would look for the phone: those with TikTok traffic first
     * (the most TikTok bytes first), then the other devices with flows (the busiest first), then
     * those seen only in DHCP or mDNS.
     */
    public static List<DeviceChoice> of(AnalysisResult r) {
        Map<Device.Id, Integer> tiktokRank = new HashMap<>();
        for (DeviceStates d : r.states()) {
            tiktokRank.putIfAbsent(d.device(), tiktokRank.size());
        }
        List<Device> hotspot = r.hotspotDevices();
        int withFlows = r.devices().size();
        List<DeviceChoice> out = new ArrayList<>(hotspot.size());
        List<Integer> rank = new ArrayList<>(hotspot.size());
        for (int i = 0; i < hotspot.size(); i++) {
            Device d = hotspot.get(i);
            Integer t = tiktokRank.get(d.id());
            out.add(of(d, t != null, i < withFlows));
            // TikTok's devices in the states' order, then the rest in the result's order (stable)
            rank.add(t != null ? t : tiktokRank.size() + i);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(rank::get));
        return order.stream().map(out::get).toList();
    }

    /** The choice for one device. */
    public static DeviceChoice of(Device d, boolean tiktok, boolean hasFlows) {
        StringBuilder detail = new StringBuilder();
        List<String> addresses = d.addresses().stream().limit(ADDRESSES_SHOWN).map(Object::toString).toList();
        detail.append(addresses.isEmpty() ? "no address seen" : String.join(", ", addresses));
        if (d.addresses().size() > ADDRESSES_SHOWN) {
            detail.append(" and ").append(d.addresses().size() - ADDRESSES_SHOWN).append(" more");
        }
        if (!d.name().isEmpty()) {
            detail.append(" \u00b7 named by ").append(switch (d.nameSource()) {
                case "dhcp" -> "its DHCP request";
                case "mdns" -> "its mDNS announcement";
                default -> d.nameSource();
            });
        }
        detail.append(hasFlows ? tiktok ? " \u00b7 TikTok traffic" : " \u00b7 no TikTok traffic"
                : " \u00b7 no flows yet: seen in DHCP or mDNS only");
        return new DeviceChoice(d, detail.toString(), tiktok, hasFlows);
    }

    /** Choices by device, for the views that name one. */
    public static Map<Device.Id, DeviceChoice> byId(List<DeviceChoice> choices) {
        Map<Device.Id, DeviceChoice> out = new HashMap<>();
        for (DeviceChoice c : choices) {
            out.putIfAbsent(c.id(), c);
        }
        return out;
    }

    /** How a view names {@code device}: its {@link #title()}, its label without a choice, {@link Device#ALL} for null. */
    public static String titleOf(Device.Id device, Map<Device.Id, DeviceChoice> choices) {
        DeviceChoice c = device == null ? null : choices.get(device);
        return c == null ? Device.labelOf(device) : c.title();
    }

    /** Choices by key, for the cells that show them. */
    public static Map<String, DeviceChoice> byKey(List<DeviceChoice> choices) {
        Map<String, DeviceChoice> out = new HashMap<>();
        for (DeviceChoice c : choices) {
            out.putIfAbsent(c.key(), c);
        }
        return out;
    }
}
