package org.toktrace.testkit.traffic;

import java.util.Arrays;

/**
 * One direction of a TLS connection as a sequence of records: explicit ones (hellos, change cipher
 * spec) and encrypted application-data records whose bodies are filler. Any byte range can be
 * copied out by offset, so a TCP segment's payload is rendered only when the segment is written.
 */
final class TlsByteStream {

    /** Largest TLS 1.3 ciphertext body: 2^14 plaintext + content type + 16-byte AEAD tag. */
    static final int MAX_BODY = 16_384 + 17;

    private final Filler filler;
    private final long salt;
    private long[] starts = new long[8];
    private int[] lengths = new int[8];
    private byte[][] explicit = new byte[8][];
    private int count;
    private long total;

    TlsByteStream(Filler filler, long salt) {
        this.filler = filler;
        this.salt = salt;
    }

    long length() {
        return total;
    }

    /** Appends a record given whole; returns its length. */
    int appendRecord(byte[] record) {
        add(record.length, record);
        return record.length;
    }

    /** Appends {@code bodyBytes} of encrypted application data in full-size records; returns the bytes added. */
    long appendApplicationData(long bodyBytes) {
        long added = 0;
        while (bodyBytes > 0) {
            int body = (int) Math.min(MAX_BODY, bodyBytes);
            add(5 + body, null);
            bodyBytes -= body;
            added += 5 + body;
        }
        return added;
    }

    private void add(int length, byte[] bytes) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            explicit = Arrays.copyOf(explicit, count * 2);
        }
        starts[count] = total;
        lengths[count] = length;
        explicit[count] = bytes;
        count++;
        total += length;
    }

    /** Copies stream bytes [offset, offset+len) into {@code dst}. */
    void copy(long offset, byte[] dst, int dstOff, int len) {
        if (offset < 0 || offset + len > total) {
            throw new IllegalArgumentException("range outside the stream: " + offset + "+" + len + " of " + total);
        }
        int r = Arrays.binarySearch(starts, 0, count, offset);
        if (r < 0) {
            r = -r - 2;
        }
        while (len > 0) {
            int within = (int) (offset - starts[r]);
            int n = Math.min(len, lengths[r] - within);
            byte[] ex = explicit[r];
            if (ex != null) {
                System.arraycopy(ex, within, dst, dstOff, n);
            } else {
                int i = 0;
                // the 5-byte header of an application-data record: type 23, legacy version 0x0303, length
                while (within + i < 5 && i < n) {
                    int h = within + i;
                    int body = lengths[r] - 5;
                    dst[dstOff + i] = (byte) switch (h) {
                        case 0 -> 23;
                        case 1 -> 3;
                        case 2 -> 3;
                        case 3 -> body >>> 8;
                        default -> body;
                    };
                    i++;
                }
                if (n > i) {
                    filler.fill(salt + offset + i, dst, dstOff + i, n - i);
                }
            }
            offset += n;
            dstOff += n;
            len -= n;
            r++;
        }
    }
}
