package io.abmsequencer.worker.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload with AES-256-GCM before it reaches Temporal, so contact names, e-mails and
 * phones are never stored in clear there. The key id travels in the payload's metadata: payloads
 * written with an older key still decrypt after a rotation, new ones use the current key.
 */
public final class EncryptingCodec implements PayloadCodec {
  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentId;
  private final Map<String, SecretKey> keys = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param current base64 of 32 bytes
   * @param previous older keys, still accepted for decryption
   * @throws IllegalArgumentException naming the property when a key is not base64 of 32 bytes
   */
  public EncryptingCodec(String current, List<String> previous) {
    SecretKey key = key(current, "abm.codec.key");
    currentId = idOf(key);
    keys.put(currentId, key);
    for (int i = 0; i < previous.size(); i++) {
      SecretKey old = key(previous.get(i), "abm.codec.previous-keys[" + i + "]");
      keys.putIfAbsent(idOf(old), old);
    }
  }

  /** The id a key is known by: the first 8 bytes of its SHA-256, in hex (not secret). */
  static String idOf(SecretKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String currentKeyId() {
    return currentId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) out.add(encrypt(payload));
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) out.add(decrypt(payload));
    return out;
  }

  private Payload encrypt(Payload payload) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFrom(ENCODING, StandardCharsets.UTF_8))
          .putMetadata(KEY_ID, ByteString.copyFrom(currentId, StandardCharsets.UTF_8))
          .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get("encoding");
    if (encoding == null || !encoding.toStringUtf8().equals(ENCODING)) return payload; // written before encryption was on
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    SecretKey key = id == null ? null : keys.get(id.toStringUtf8());
    if (key == null) {
      throw new PayloadCodecException("payload encrypted with key id " + (id == null ? "(none)" : id.toStringUtf8())
          + ", which this process does not have (it has " + keys.keySet() + "); add that key to abm.codec.previous-keys");
    }
    byte[] data = payload.getData().toByteArray();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("payload with key id " + id.toStringUtf8() + " does not decrypt: it was changed, or the key is wrong", e);
    }
  }

  private static SecretKey key(String base64, String property) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + " is not base64: generate one with 'openssl rand -base64 32'");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(property + " must be 32 bytes (AES-256) in base64, found " + bytes.length
          + " bytes: generate one with 'openssl rand -base64 32'");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
