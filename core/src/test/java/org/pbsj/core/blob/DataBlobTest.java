package org.pbsj.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;
import org.pbsj.core.crypto.CryptMode;

class DataBlobTest {
    @Test
    void accessorsOfAnEncryptedBlob() throws IOException {
        DataBlob blob = DataBlobCodec.encode(DataBlobCodecTest.HELLO, 0, 11, DataBlobCodecTest.KEY, false,
                DataBlobCodecTest.SPEC_IV);
        assertTrue(blob.isEncrypted());
        assertFalse(blob.isCompressed());
        assertEquals(CryptMode.ENCRYPT, blob.cryptMode());
        assertEquals(44, blob.headerSize());
        assertEquals(11, blob.payloadSize());
        assertEquals(55, blob.size());
        assertNull(blob.source());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blob.writeTo(out);
        assertArrayEquals(blob.raw(), out.toByteArray());
        ByteBuffer view = blob.rawBuffer();
        assertEquals(55, view.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
        assertTrue(blob.toString().contains("encrypted blob v1.0"));
    }

    @Test
    void immutableAndValueEquality() {
        DataBlob blob = DataBlobCodec.encode(DataBlobCodecTest.HELLO, null, false);
        blob.raw()[12] = 0;
        assertEquals(DataBlobCodecTest.HELLO[0], blob.raw()[12]);
        assertEquals(blob, DataBlobCodec.load(blob.raw(), "x"));
        assertEquals(blob.hashCode(), DataBlobCodec.load(blob.raw(), "x").hashCode());
        assertNotEquals(blob, DataBlobCodec.encode(DataBlobCodecTest.HELLO, DataBlobCodecTest.KEY, false));
        assertEquals(CryptMode.NONE, blob.cryptMode());
        assertThrows(IllegalStateException.class, blob::iv);
        assertThrows(IllegalStateException.class, blob::tag);
    }
}
