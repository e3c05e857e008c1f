package org.toktrace.attribute;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.toktrace.model.Device;
import org.toktrace.model.DnsAnswer;
import org.toktrace.model.IpAddress;

/**
 * Server names from the DNS answers of a capture: fed the answers in capture order, it tells which
 * name a device had asked for before it connected to an address.
 *
 * <p>Each address keeps its newest answers (at most {@link #historyPerAddress()}), each with the
 * asking device, the time, and the CNAME chain back to the question (RFC 1034 section 3.6.2: an
 * answer may hold the question's CNAME, the target's CNAME, and so on, then the address). Addresses
 * are evicted oldest-answered first beyond {@link #maxAddresses()}, so memory is bounded whatever
 * the capture holds. Chains are followed at most {@link #MAX_CHAIN} steps and never round a loop.
 *
 * <p>Not thread-safe: one analysis feeds and asks it from one thread.
 */
public final class DnsResolver {

    /** The longest CNAME chain followed; real ones have two or three links. */
    public static final int MAX_CHAIN = 16;
    public static final int DEFAULT_MAX_ADDRESSES = 200_000;
    public static final int DEFAULT_HISTORY_PER_ADDRESS = 8;

    private final int maxAddresses;
    private final int historyPerAddress;
    private final LinkedHashMap<IpAddress, ArrayDeque<Entry>> byAddress;
    private long answers;
    private long evictedAddresses;

    private record Entry(long timestampNanos, Device.Id device, String name, List<String> chain) {
    }

    /** Told each address an answer names, with the name the chain leads back to. */
    @FunctionalInterface
    public interface AddressNamed {
        void named(IpAddress address, String name, long answeredAtNanos);
    }

    public DnsResolver() {
        this(DEFAULT_MAX_ADDRESSES, DEFAULT_HISTORY_PER_ADDRESS);
    }

    public DnsResolver(int maxAddresses, int historyPerAddress) {
        if (maxAddresses < 1 || historyPerAddress < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxAddresses = maxAddresses;
        this.historyPerAddress = historyPerAddress;
        // insertion order, refreshed on every answer: the eldest entry is the address answered longest ago
        this.byAddress = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IpAddress, ArrayDeque<Entry>> eldest) {
                if (size() > DnsResolver.this.maxAddresses) {
                    evictedAddresses++;
                    return true;
                }
                return false;
            }
        };
    }

    /** Takes one DNS response: every A/AAAA record in it, with the chain that led to it. */
    public void onAnswer(DnsAnswer answer) {
        onAnswer(answer, null);
    }

    /**
     * As {@link #onAnswer(DnsAnswer)}, also telling {@code named} (when not null) each address taken
     * and the name its chain leads back to, in the order of the records.
     */
    public void onAnswer(DnsAnswer answer, AddressNamed named) {
        answers++;
        String question = ServiceCatalog.normalize(answer.queryName());
        if (question == null) {
            return;
        }
        Device.Id device = Device.Id.of(answer);
        // CNAME records point owner -> target; walk them backwards from the address record's owner.
        // A response holds a handful of records: arrays and linear scans, not maps, which also keeps
        // this method small for the JIT (with maps it was one of the costliest compilations of a run).
        List<DnsAnswer.Record> records = answer.records();
        String[] owners = new String[records.size()];
        String[] targets = new String[records.size()];
        int links = 0;
        for (DnsAnswer.Record r : records) {
            if (r.target() != null) {
                String owner = ServiceCatalog.normalize(r.name());
                String target = ServiceCatalog.normalize(r.target());
                if (owner != null && target != null && indexOf(targets, links, target) < 0) {
                    owners[links] = owner; // the first record for a target counts
                    targets[links++] = target;
                }
            }
        }
        for (DnsAnswer.Record r : records) {
            if (r.address() == null) {
                continue;
            }
            String holder = ServiceCatalog.normalize(r.name());
            if (holder == null) {
                continue;
            }
            List<String> chain = chainBack(holder, question, owners, targets, links);
            add(r.address(), new Entry(answer.timestampNanos(), device, chain.get(0), chain));
            if (named != null) {
                named.named(r.address(), chain.get(0), answer.timestampNanos());
            }
        }
    }

    /** From the address record's owner back to the question: question first. */
    private static List<String> chainBack(String holder, String question, String[] owners, String[] targets, int links) {
        String[] back = new String[MAX_CHAIN];
        int n = 0;
        String at = holder;
        back[n++] = at;
        while (!at.equals(question) && n < MAX_CHAIN) {
            int link = indexOf(targets, links, at);
            if (link < 0 || indexOf(back, n, owners[link]) >= 0) {
                break; // the chain stops short of the question, or loops
            }
            at = owners[link];
            back[n++] = at;
        }
        String[] chain = new String[n];
        for (int i = 0; i < n; i++) {
            chain[i] = back[n - 1 - i];
        }
        return List.of(chain);
    }

    private static int indexOf(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void add(IpAddress address, Entry e) {
        ArrayDeque<Entry> history = byAddress.remove(address);
        if (history == null) {
            history = new ArrayDeque<>(Math.min(historyPerAddress, 4));
        }
        history.addLast(e);
        while (history.size() > historyPerAddress) {
            history.removeFirst();
        }
        byAddress.put(address, history);
    }

    /**
     * The name {@code device} had resolved to {@code server} by {@code atNanos}: its newest answer at
     * or before that time; when it has none, the newest of any device (marked {@code otherDevice}).
     */
    public Optional<DnsResolution> lookup(Device.Id device, IpAddress server, long atNanos) {
        ArrayDeque<Entry> history = byAddress.get(server);
        if (history == null) {
            return Optional.empty();
        }
        Entry any = null;
        for (Iterator<Entry> it = history.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.timestampNanos > atNanos) {
                continue;
            }
            if (e.device.equals(device)) {
                return Optional.of(new DnsResolution(e.name, e.chain, e.timestampNanos, false, e.device));
            }
            if (any == null || e.timestampNanos > any.timestampNanos) {
                any = e;
            }
        }
        return any == null ? Optional.empty()
                : Optional.of(new DnsResolution(any.name, any.chain, any.timestampNanos, true, any.device));
    }

    /** Addresses currently held. */
    public int addresses() {
        return byAddress.size();
    }

    /** Answers taken so far. */
    public long answers() {
        return answers;
    }

    /** Addresses dropped to stay within {@link #maxAddresses()}. */
    public long evictedAddresses() {
        return evictedAddresses;
    }

    public int maxAddresses() {
        return maxAddresses;
    }

    public int historyPerAddress() {
        return historyPerAddress;
    }
}
