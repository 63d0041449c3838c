package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.internal.graph.Change;
import io.strand.streams.internal.graph.ForeignKeyJoinNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The runtime parts of a foreign-key join ({@link ForeignKeyJoinNode}), after Kafka Streams'
 * KIP-213 design.
 *
 * <p>Wire formats (values of the intermediate topics, written with a byte serde):
 * subscription {@code [instruction, 1][has hash, 1][hash, 16 if any][left key bytes]}, keyed by the
 * foreign key (the right table's key serde); response
 * {@code [has hash, 1][hash, 16 if any][has value, 1][right value bytes]}, keyed by the left key.
 * The hash is the MD5 of the left value's bytes (its store's serde): an answer carries the hash
 * of the left value it was asked for, and is dropped when the left row has changed since.
 * Subscription store keys: {@code [foreign key length, 4][foreign key bytes][left key bytes]},
 * values the hash, so a right key's subscriptions are one range.
 */
final class ForeignKeyJoinOps {

  /** Subscribe: keep (or replace) the subscription and answer it. */
  static final byte PROPAGATE = 1;
  /** The left row left this foreign key: forget the subscription. */
  static final byte DELETE = 2;
  /** As DELETE, and answer with no value: no other subscription will answer for the row's end. */
  static final byte DELETE_AND_PROPAGATE = 3;

  private ForeignKeyJoinOps() {
  }

  static Op build(ForeignKeyJoinNode node) {
    return switch (node.part()) {
      case SUBSCRIBE -> new Subscribe(node);
      case SUBSCRIPTIONS -> new Keep(node);
      case RIGHT_CHANGE -> new RightChange(node);
      case RESPONSE -> new Respond(node);
    };
  }

  static byte[] hash(byte[] value) {
    try {
      return MessageDigest.getInstance("MD5").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }

  /** What every part resolves at init: the two tables' serdes. */
  private abstract static class Part extends Op {
    final ForeignKeyJoinNode.Spec spec;
    Serde<Object> leftKeys;
    Serde<Object> leftValues;
    Serde<Object> rightKeys;
    Serde<Object> rightValues;

    Part(ForeignKeyJoinNode node) {
      super(node.name());
      this.spec = node.spec();
    }

    @Override
    void init(TaskEnv env) {
      super.init(env);
      leftKeys = env.keySerde(spec.leftTable().keySerde(), spec.leftTable().store());
      leftValues = env.valueSerde(spec.leftTable().valueSerde(), spec.leftTable().store());
      rightKeys = env.keySerde(spec.rightTable().keySerde(), spec.rightTable().store());
      rightValues = env.valueSerde(spec.rightTable().valueSerde(), spec.rightTable().store());
    }

    /** Sends an answer to the left key's task. */
    void respond(byte[] leftKey, byte[] hash, Object rightValue, long timestamp) {
      forward(leftKeys.fromBytes(leftKey), response(hash, rightValue == null ? null : rightValues.toBytes(rightValue)),
          timestamp);
    }

    static byte[] response(byte[] hash, byte[] value) {
      ByteBuffer b = ByteBuffer.allocate(2 + (hash == null ? 0 : hash.length) + (value == null ? 0 : value.length));
      b.put((byte) (hash == null ? 0 : 1));
      if (hash != null) {
        b.put(hash);
      }
      b.put((byte) (value == null ? 0 : 1));
      if (value != null) {
        b.put(value);
      }
      return b.array();
    }

    static byte[] subscriptionKey(byte[] foreignKey, byte[] leftKey) {
      return ByteBuffer.allocate(4 + foreignKey.length + leftKey.length).putInt(foreignKey.length).put(foreignKey)
          .put(leftKey).array();
    }
  }

  /**
   * Left table changes to subscriptions, on the left table's task. A left join's row without a
   * foreign key, before and after the change, has no subscription to answer it, so it is answered
   * here, straight to this task's {@link Respond} (the graph makes it a second child), with no right
   * value: as Kafka Streams, the left join emits (left, null) for it, and a tombstone when it is
   * deleted. The answer carries the new value's hash like any other, so answers still on their way
   * for the row's earlier foreign keys are dropped as stale.
   */
  static final class Subscribe extends Part {
    Subscribe(ForeignKeyJoinNode node) {
      super(node);
    }

    @Override
    void process(Object key, Object value, long timestamp) {
      Change change = (Change) value;
      Object newForeign = change.newValue() == null ? null : spec.foreignKey().apply(change.newValue());
      Object oldForeign = change.oldValue() == null ? null : spec.foreignKey().apply(change.oldValue());
      byte[] hash = change.newValue() == null ? null : hash(leftValues.toBytes(change.newValue()));
      byte[] leftKey = leftKeys.toBytes(key);
      if (oldForeign != null && !Objects.equals(oldForeign, newForeign)) {
        send(oldForeign, newForeign == null ? DELETE_AND_PROPAGATE : DELETE, hash, leftKey, timestamp);
      }
      if (newForeign != null) {
        send(newForeign, PROPAGATE, hash, leftKey, timestamp);
      } else if (oldForeign == null && spec.left()) {
        for (Op op : next) {
          if (op instanceof Respond) {
            op.process(key, response(hash, null), timestamp);
          }
        }
      }
    }

    private void send(Object foreignKey, byte instruction, byte[] hash, byte[] leftKey, long timestamp) {
      ByteBuffer b = ByteBuffer.allocate(2 + (hash == null ? 0 : hash.length) + leftKey.length);
      b.put(instruction).put((byte) (hash == null ? 0 : 1));
      if (hash != null) {
        b.put(hash);
      }
      b.put(leftKey);
      for (Op op : next) {
        if (!(op instanceof Respond)) {
          op.process(foreignKey, b.array(), timestamp);
        }
      }
    }
  }

  /** Subscriptions kept and answered, on the task of the foreign key. */
  static final class Keep extends Part {
    private KeyValueStore<byte[], byte[]> store;
    private Lookup right;

    Keep(ForeignKeyJoinNode node) {
      super(node);
    }

    @Override
    void init(TaskEnv env) {
      super.init(env);
      store = env.context.getStore(spec.subscriptionStore());
      right = Lookup.open(spec.rightTable(), env);
    }

    @Override
    void process(Object key, Object value, long timestamp) {
      ByteBuffer b = ByteBuffer.wrap((byte[]) value);
      byte instruction = b.get();
      byte[] hash = null;
      if (b.get() == 1) {
        hash = new byte[16];
        b.get(hash);
      }
      byte[] leftKey = new byte[b.remaining()];
      b.get(leftKey);
      byte[] storeKey = subscriptionKey(rightKeys.toBytes(key), leftKey);
      if (instruction == PROPAGATE) {
        store.put(storeKey, hash);
        respond(leftKey, hash, right.get(key), timestamp);
      } else {
        store.delete(storeKey);
        if (instruction == DELETE_AND_PROPAGATE) {
          respond(leftKey, hash, null, timestamp);
        }
      }
    }
  }

  /** A right row's change answered to every subscription of its key. */
  static final class RightChange extends Part {
    private KeyValueStore<byte[], byte[]> store;

    RightChange(ForeignKeyJoinNode node) {
      super(node);
    }

    @Override
    void init(TaskEnv env) {
      super.init(env);
      store = env.context.getStore(spec.subscriptionStore());
    }

    @Override
    void process(Object key, Object value, long timestamp) {
      Object rightValue = ((Change) value).newValue();
      byte[] prefix = subscriptionKey(rightKeys.toBytes(key), new byte[0]);
      try (KeyValueIterator<byte[], byte[]> it = store.range(prefix, Bytes.after(prefix))) {
        while (it.hasNext()) {
          Entry<byte[], byte[]> e = it.next();
          byte[] leftKey = Arrays.copyOfRange(e.getKey(), prefix.length, e.getKey().length);
          respond(leftKey, e.getValue(), rightValue, timestamp);
        }
      }
    }
  }

  /** Answers joined with the left row, on the left key's task; stale answers dropped. */
  static final class Respond extends Part {
    private Lookup left;

    Respond(ForeignKeyJoinNode node) {
      super(node);
    }

    @Override
    void init(TaskEnv env) {
      super.init(env);
      left = Lookup.open(spec.leftTable(), env);
    }

    @Override
    void process(Object key, Object value, long timestamp) {
      ByteBuffer b = ByteBuffer.wrap((byte[]) value);
      byte[] hash = null;
      if (b.get() == 1) {
        hash = new byte[16];
        b.get(hash);
      }
      Object rightValue = null;
      if (b.get() == 1) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        rightValue = rightValues.fromBytes(bytes);
      }
      Object leftValue = left.get(key);
      byte[] current = leftValue == null ? null : hash(leftValues.toBytes(leftValue));
      if (!Arrays.equals(current, hash)) {
        return; // asked for a left value the table no longer holds: a newer answer follows
      }
      Object result = leftValue == null || (rightValue == null && !spec.left()) ? null
          : spec.joiner().apply(leftValue, rightValue);
      forward(key, new Change(result, null), timestamp);
    }
  }
}
