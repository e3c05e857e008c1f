package org.toktrace.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.toktrace.model.FixedFlowList;
import org.toktrace.model.FlowRecord;

/**
 * The finished flows of one capture, held so that the heap does not grow with their number (decision
 * record 0029). TikTok's flows stay in the heap: the state model reads them all, and a session has
 * hundreds to a few thousand. The others stay in it too while they are few; past
 * {@code inMemoryLimit} they move to a temporary file and every later one is written there as it
 * finishes. What stays in the heap per flow is one int (where it is) and one bit (whether its name is
 * still to be looked for at the end).
 *
 * <p>Used by one thread at a time (the pipeline's worker, then whoever finishes the analysis); the
 * list {@link #flows()} returns may be read from any thread, and stays readable as long as it is
 * reachable: its file goes when it does.
 */
final class FlowStore {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Records start at multiples of this, so that an int addresses 16 GB of them. */
    private static final int ALIGN = 8;
    private static final int WRITE_BUFFER = 1 << 16;

    private final int inMemoryLimit;
    /** The flows in the heap: TikTok's always, the others until the store spills. */
    private final List<FlowRecord> memory = new ArrayList<>();
    /** Per flow id - 1: 0 not here, k > 0 on disk at (k - 1) * ALIGN, k < 0 memory index -k - 1. */
    private int[] slots = new int[1024];
    /** Flow ids whose names are still to be looked for (the name memory, IP ranges) at the end. */
    private final BitSet unnamed = new BitSet();
    private long maxId;
    private int count;
    private int otherInMemory;
    private Disk disk;
    private final FlowCodec codec = new FlowCodec();

    FlowStore(int inMemoryLimit) {
        this.inMemoryLimit = inMemoryLimit;
    }

    /** Keeps {@code f}; {@code named} is false for a flow whose attribution waits for the end. */
    void add(FlowRecord f, boolean named) {
        int i = index(f.id());
        if (slots[i] == 0) {
            count++;
        }
        if (!named) {
            unnamed.set(i);
        }
        put(i, f);
    }

    /** Whether flows have moved to disk. */
    boolean spilled() {
        return disk != null;
    }

    int size() {
        return count;
    }

    /**
     * The flows in the heap, in no particular order, with the unnamed ones passed through
     * {@code unnamedView} (a snapshot's provisional attribution); after a spill only TikTok's.
     */
    List<FlowRecord> inMemory(UnaryOperator<FlowRecord> unnamedView) {
        List<FlowRecord> l = new ArrayList<>(memory.size());
        for (FlowRecord f : memory) {
            if (f != null) {
                l.add(unnamed.get((int) (f.id() - 1)) ? unnamedView.apply(f) : f);
            }
        }
        return l;
    }

    /** Gives each flow still unnamed the attribution {@code attribute} finds; call once, at the end. */
    void attributeUnnamed(UnaryOperator<FlowRecord> attribute) {
        for (int i = unnamed.nextSetBit(0); i >= 0; i = unnamed.nextSetBit(i + 1)) {
            FlowRecord f = at(slots[i]);
            unnamed.clear(i);
            FlowRecord g = attribute.apply(f);
            if (g != f) {
                put(i, g);
            }
        }
    }

    /** TikTok's flows (all in the heap), in no particular order. */
    List<FlowRecord> tiktok() {
        List<FlowRecord> l = new ArrayList<>();
        for (FlowRecord f : memory) {
            if (f != null && f.attribution().isTikTok()) {
                l.add(f);
            }
        }
        return l;
    }

    /** Replaces TikTok's flows by {@code stated}, the same flows with their states. */
    void restate(List<FlowRecord> stated) {
        for (FlowRecord f : stated) {
            put(index(f.id()), f);
        }
    }

    /**
     * Every flow, in order of first appearance (id). Without a spill an ordinary list; after one, a
     * list that reads the flows on disk as they are asked for. The store is not used after this.
     */
    List<FlowRecord> flows() {
        if (disk == null) {
            List<FlowRecord> l = new ArrayList<>(memory);
            l.sort((a, b) -> Long.compare(a.id(), b.id()));
            return l;
        }
        disk.flush();
        // the slots in id order, without the ids no flow had
        int n = 0;
        int used = (int) Math.min(maxId, slots.length);
        for (int i = 0; i < used; i++) {
            if (slots[i] != 0) {
                slots[n++] = slots[i];
            }
        }
        // the heap's flows keep their places (the slots point at them); a flow that went to disk left a null
        return new StoredFlows(Arrays.copyOf(slots, n), java.util.Collections.unmodifiableList(new ArrayList<>(memory)), disk);
    }

    private void put(int i, FlowRecord f) {
        int old = slots[i];
        boolean tiktok = f.attribution().isTikTok();
        if (old < 0) {
            int k = -old - 1;
            if (tiktok || disk == null) {
                if (!memory.get(k).attribution().isTikTok() && tiktok) {
                    otherInMemory--;
                } else if (memory.get(k).attribution().isTikTok() && !tiktok) {
                    otherInMemory++;
                }
                memory.set(k, f);
                spillIfDue();
                return;
            }
            memory.set(k, null); // it leaves the heap below; the hole goes at the next compaction
            slots[i] = disk.write(f, codec);
            return;
        }
        if (tiktok || disk == null) {
            memory.add(f);
            slots[i] = -memory.size();
            if (!tiktok) {
                otherInMemory++;
                spillIfDue();
            }
            return;
        }
        slots[i] = disk.write(f, codec);
    }

    /** Past the limit, the flows in the heap other than TikTok's go to disk, and all later ones. */
    private void spillIfDue() {
        if (disk != null || otherInMemory <= inMemoryLimit) {
            return;
        }
        disk = Disk.create();
        List<FlowRecord> kept = new ArrayList<>();
        for (FlowRecord f : memory) {
            if (f == null) {
                continue;
            }
            int i = (int) (f.id() - 1);
            if (f.attribution().isTikTok()) {
                kept.add(f);
                slots[i] = -kept.size();
            } else {
                slots[i] = disk.write(f, codec);
            }
        }
        memory.clear();
        memory.addAll(kept);
        otherInMemory = 0;
    }

    private FlowRecord at(int slot) {
        if (slot < 0) {
            return memory.get(-slot - 1);
        }
        disk.flush();
        return disk.read(slot);
    }

    private int index(long id) {
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("flow id out of range: " + id);
        }
        int i = (int) (id - 1);
        if (i >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(i + 1, slots.length + (slots.length >> 1)));
        }
        maxId = Math.max(maxId, id);
        return i;
    }

    /** The temporary file of the flows that left the heap: appended to, read back by position. */
    private static final class Disk implements Runnable {
        private final FileChannel channel;
        private final ByteBuffer out = ByteBuffer.allocate(WRITE_BUFFER);
        private long written; // bytes in the file, not counting the buffer
        private ByteBuffer window = ByteBuffer.allocate(0);
        private long windowStart;

        private Disk(FileChannel channel) {
            this.channel = channel;
        }

        static Disk create() {
            try {
                // owner-only (createTempFile's default), gone when closed; unlinked at once where the OS
                // lets an open file be deleted, so that nothing is left behind by a killed process
                Path file = Files.createTempFile("toktrace-flows", ".bin");
                FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Windows keeps an open file: DELETE_ON_CLOSE removes it
                }
                return new Disk(c);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the flows in a temporary file: " + e.getMessage(), e);
            }
        }

        /** Appends {@code f}; returns its slot. */
        synchronized int write(FlowRecord f, FlowCodec codec) {
            codec.encode(f);
            int n = codec.length();
            int total = 4 + n;
            int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
            long at = written + out.position();
            if ((at / ALIGN) + 1 > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 16 GB of flows");
            }
            if (out.remaining() < padded) {
                flush();
            }
            if (padded > out.capacity()) {
                ByteBuffer big = ByteBuffer.allocate(padded);
                big.putInt(n).put(codec.bytes(), 0, n);
                big.position(padded).flip();
                writeFully(big);
                return (int) (at / ALIGN) + 1;
            }
            out.putInt(n).put(codec.bytes(), 0, n);
            out.position(out.position() + padded - total);
            return (int) (at / ALIGN) + 1;
        }

        synchronized void flush() {
            if (out.position() == 0) {
                return;
            }
            out.flip();
            writeFully(out);
            out.clear();
        }

        private void writeFully(ByteBuffer b) {
            try {
                while (b.hasRemaining()) {
                    written += channel.write(b, written);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the flows' temporary file: " + e.getMessage(), e);
            }
        }

        /** The flow at {@code slot}, read through a window of the file that later reads nearby reuse. */
        synchronized FlowRecord read(int slot) {
            long at = (long) (slot - 1) * ALIGN;
            if (at < windowStart || at + 4 > windowStart + window.limit()) {
                fill(at, WRITE_BUFFER);
            }
            int n = window.getInt((int) (at - windowStart));
            if (at + 4 + n > windowStart + window.limit()) {
                fill(at, Math.max(WRITE_BUFFER, 4 + n));
            }
            ByteBuffer b = window.duplicate();
            b.position((int) (at - windowStart) + 4).limit((int) (at - windowStart) + 4 + n);
            return FlowCodec.decode(b);
        }

        private void fill(long at, int size) {
            if (window.capacity() < size) {
                window = ByteBuffer.allocate(size);
            }
            window.clear();
            try {
                while (window.hasRemaining()) {
                    int r = channel.read(window, at + window.position());
                    if (r < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the flows' temporary file: " + e.getMessage(), e);
            }
            window.flip();
            windowStart = at;
        }

        @Override
        public void run() {
            try {
                channel.close();
            } catch (IOException e) {
                // a temporary file: nothing to do
            }
        }
    }

    /** Every flow in id order: those on disk read as asked for, TikTok's from the heap. */
    private static final class StoredFlows extends FixedFlowList {
        private final int[] slots;
        private final List<FlowRecord> memory;
        private final Disk disk;

        StoredFlows(int[] slots, List<FlowRecord> memory, Disk disk) {
            this.slots = slots;
            this.memory = memory;
            this.disk = disk;
            CLEANER.register(this, disk);
        }

        @Override
        public FlowRecord get(int index) {
            int slot = slots[index]; // bounds-checked by the array
            return slot < 0 ? memory.get(-slot - 1) : disk.read(slot);
        }

        @Override
        public int size() {
            return slots.length;
        }
    }
}
