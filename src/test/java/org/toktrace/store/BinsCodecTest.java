package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.toktrace.model.FlowBins;

/** The compact blob of a flow's bins: any bins round-trip; any bytes decode or throw the one documented exception. */
class BinsCodecTest {

    @Property
    void anyBinsRoundTrip(@ForAll @Size(max = 300) long[] values, @ForAll long binNanos) {
        int n = values.length / 3;
        long[] bins = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        for (int i = 0; i < n; i++) {
            bins[i] = values[3 * i];
            up[i] = values[3 * i + 1];
            down[i] = values[3 * i + 2];
            packets[i] = (int) (values[3 * i] ^ values[3 * i + 1]);
        }
        Arrays.sort(bins);
        FlowBins b = new FlowBins(binNanos == 0 || binNanos == Long.MIN_VALUE ? 1 : Math.abs(binNanos), bins, up, down, packets);
        assertEquals(b, BinsCodec.decode(BinsCodec.encode(b)));
    }

    @Property
    void anyBytesDecodeOrAreRejected(@ForAll @Size(max = 64) byte[] blob) {
        try {
            FlowBins b = BinsCodec.decode(blob);
            assertEquals(b, BinsCodec.decode(BinsCodec.encode(b)));
        } catch (IllegalArgumentException expected) {
            // the one documented failure
        }
    }

    @Test
    void aTypicalBinTakesAFewBytes() {
        int n = 2640; // a push connection's 44 minutes of 1 s bins
        long[] bins = new long[n];
        long[] up = new long[n];
        long[] down = new long[n];
        int[] packets = new int[n];
        for (int i = 0; i < n; i++) {
            bins[i] = 1_774_280_045L + i;
            up[i] = 120;
            down[i] = 1500 + i % 100;
            packets[i] = 3;
        }
        byte[] blob = BinsCodec.encode(new FlowBins(1_000_000_000L, bins, up, down, packets));
        assertTrue(blob.length < 7 * n, "bytes per bin: " + blob.length / (double) n);
    }

    @Test
    void aCountLargerThanTheBlobIsDamageNotAnAllocation() {
        byte[] blob = {1, 2, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinsCodec.decode(blob));
        assertTrue(e.getMessage().startsWith("flow bins count out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinsCodec.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> BinsCodec.decode(new byte[] {1, 2, 2, 2}));
    }
}
