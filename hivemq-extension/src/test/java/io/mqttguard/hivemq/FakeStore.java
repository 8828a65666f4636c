package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** HiveMQ's per-connection attribute store, in memory, for adapter unit tests. Not thread-safe. */
final class FakeStore implements ConnectionAttributeStore {
  private final Map<String, ByteBuffer> map = new HashMap<>();

  @Override
  public void put(String key, ByteBuffer value) {
    map.put(key, value.asReadOnlyBuffer());
  }

  @Override
  public void putAsString(String key, String value) {
    put(key, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void putAsString(String key, String value, Charset charset) {
    put(key, ByteBuffer.wrap(value.getBytes(charset)));
  }

  @Override
  public Optional<ByteBuffer> get(String key) {
    return Optional.ofNullable(map.get(key)).map(ByteBuffer::asReadOnlyBuffer);
  }

  @Override
  public Optional<String> getAsString(String key) {
    return getAsString(key, StandardCharsets.UTF_8);
  }

  @Override
  public Optional<String> getAsString(String key, Charset charset) {
    return get(key).map(b -> charset.decode(b).toString());
  }

  @Override
  public Optional<Map<String, ByteBuffer>> getAll() {
    return map.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(map));
  }

  @Override
  public Optional<ByteBuffer> remove(String key) {
    return Optional.ofNullable(map.remove(key));
  }

  @Override
  public void clear() {
    map.clear();
  }
}
