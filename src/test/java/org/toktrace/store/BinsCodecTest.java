package org.toktrace.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.toktrace.model.FlowBins;

/** The compact blob of a flow's bins: its size, and damage refused; random bins and bytes are in {@link BinsCodecPropertiesTest}. */
class BinsCodecTest {

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
