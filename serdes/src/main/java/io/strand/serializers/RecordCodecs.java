package io.strand.serializers;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@link RecordSerde}'s codecs, one per component type, built once per serde from the record
 * class's components. Immutable, so thread-safe.
 */
final class RecordCodecs {

  private RecordCodecs() {
  }

  /** Writes and reads one value of a component or list element (boxed for primitives). */
  interface Codec {
    void write(Object value, BinaryWriter out);

    Object read(BinaryReader in);
  }

  private static Codec codec(BiConsumer<Object, BinaryWriter> write, Function<BinaryReader, Object> read) {
    return new Codec() {
      @Override
      public void write(Object value, BinaryWriter out) {
        write.accept(value, out);
      }

      @Override
      public Object read(BinaryReader in) {
        return read.apply(in);
      }
    };
  }

  /** A record: each component's accessor and codec, and the canonical constructor. */
  static final class RecordCodec implements Codec {
    private final MethodHandle[] accessors;
    private final Codec[] codecs;
    private final MethodHandle constructor;

    private RecordCodec(MethodHandle[] accessors, Codec[] codecs, MethodHandle constructor) {
      this.accessors = accessors;
      this.codecs = codecs;
      this.constructor = constructor;
    }

    /**
     * The codec of a record class.
     *
     * @param type the record class
     * @param enclosing the record classes being built around this one (to reject self-reference)
     * @return the codec
     * @throws IllegalArgumentException if a component's type is not supported, the class refers
     *     to itself or is not accessible
     */
    static RecordCodec of(Class<?> type, Set<Class<?>> enclosing) {
      if (!type.isRecord()) {
        throw new IllegalArgumentException(type.getName() + " is not a record class");
      }
      if (!enclosing.add(type)) {
        throw new IllegalArgumentException("record " + type.getName() + " refers to itself: not supported");
      }
      RecordComponent[] components = type.getRecordComponents();
      MethodHandle[] accessors = new MethodHandle[components.length];
      Codec[] codecs = new Codec[components.length];
      Class<?>[] parameterTypes = new Class<?>[components.length];
      Class<?>[] objects = new Class<?>[components.length];
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        parameterTypes[i] = c.getType();
        objects[i] = Object.class;
        codecs[i] = codec(c.getType(), c.getGenericType(), type.getName() + "." + c.getName(), enclosing);
      }
      try {
        for (int i = 0; i < components.length; i++) {
          Method accessor = components[i].getAccessor();
          accessor.setAccessible(true);
          // Boxes primitives: the codecs take Objects.
          accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
        }
        Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
        canonical.setAccessible(true);
        MethodHandle constructor = lookup.unreflectConstructor(canonical)
            .asType(MethodType.methodType(Object.class, objects))
            .asSpreader(Object[].class, components.length);
        enclosing.remove(type);
        return new RecordCodec(accessors, codecs, constructor);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalArgumentException("record " + type.getName() + " is not accessible for a binary serde", e);
      }
    }

    void writeFields(Object record, BinaryWriter out) {
      for (int i = 0; i < codecs.length; i++) {
        Object value;
        try {
          value = (Object) accessors[i].invokeExact(record);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IllegalStateException("accessor " + i + " of " + record.getClass().getName() + " failed", t);
        }
        codecs[i].write(value, out);
      }
    }

    Object readFields(BinaryReader in) {
      Object[] args = new Object[codecs.length];
      for (int i = 0; i < codecs.length; i++) {
        args[i] = codecs[i].read(in);
      }
      try {
        return (Object) constructor.invokeExact(args);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("the constructor failed", t);
      }
    }

    @Override
    public void write(Object value, BinaryWriter out) {
      out.writeByte(value == null ? 0 : 1);
      if (value != null) {
        writeFields(value, out);
      }
    }

    @Override
    public Object read(BinaryReader in) {
      return in.present() ? readFields(in) : null;
    }
  }

  /** A presence byte, then the value by the inner codec. */
  private static Codec nullable(Codec inner) {
    return codec((v, out) -> {
      out.writeByte(v == null ? 0 : 1);
      if (v != null) {
        inner.write(v, out);
      }
    }, in -> in.present() ? inner.read(in) : null);
  }

  /** A presence byte, a 4-byte count, the elements. */
  private static Codec list(Codec element) {
    return nullable(codec((v, out) -> {
      List<?> list = (List<?>) v;
      int n = list.size();
      out.writeInt(n);
      for (int i = 0; i < n; i++) { // indexed: no iterator per value
        element.write(list.get(i), out);
      }
    }, in -> {
      int n = in.readInt();
      if (n < 0 || n > in.remaining()) {
        throw new IllegalArgumentException("list of " + n + " elements in " + in.remaining() + " bytes");
      }
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(element.read(in));
      }
      return Collections.unmodifiableList(list);
    }));
  }

  private static Codec primitive(Class<?> raw) {
    if (raw == long.class) {
      return codec((v, out) -> out.writeLong((Long) v), BinaryReader::readLong);
    } else if (raw == int.class) {
      return codec((v, out) -> out.writeInt((Integer) v), BinaryReader::readInt);
    } else if (raw == double.class) {
      return codec((v, out) -> out.writeLong(Double.doubleToRawLongBits((Double) v)),
          in -> Double.longBitsToDouble(in.readLong()));
    } else if (raw == float.class) {
      return codec((v, out) -> out.writeInt(Float.floatToRawIntBits((Float) v)),
          in -> Float.intBitsToFloat(in.readInt()));
    } else if (raw == boolean.class) {
      return codec((v, out) -> out.writeByte((Boolean) v ? 1 : 0), in -> in.readByte() != 0);
    } else if (raw == short.class) {
      return codec((v, out) -> out.writeShort((Short) v), BinaryReader::readShort);
    } else if (raw == char.class) {
      return codec((v, out) -> out.writeShort((Character) v), in -> (char) in.readShort());
    } else if (raw == byte.class) {
      return codec((v, out) -> out.writeByte((Byte) v), BinaryReader::readByte);
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Codec codec(Class<?> raw, Type generic, String where, Set<Class<?>> enclosing) {
    if (raw.isPrimitive()) {
      Codec p = primitive(raw);
      if (p != null) {
        return p;
      }
    }
    Class<?> unboxed = MethodType.methodType(raw).unwrap().returnType();
    if (unboxed != raw) {
      return nullable(primitive(unboxed));
    }
    if (raw == String.class) {
      return nullable(codec((v, out) -> out.writeString((String) v), BinaryReader::readString));
    }
    if (raw == byte[].class) {
      return nullable(codec((v, out) -> {
        byte[] b = (byte[]) v;
        out.writeInt(b.length);
        out.writeBytes(b);
      }, in -> in.readBytes(in.readInt())));
    }
    if (raw.isEnum()) {
      return nullable(codec((v, out) -> out.writeString(((Enum<?>) v).name()),
          in -> Enum.valueOf((Class) raw, in.readString())));
    }
    if (raw.isRecord()) {
      return RecordCodec.of(raw, enclosing);
    }
    if (raw == List.class && generic instanceof ParameterizedType p) {
      Type element = p.getActualTypeArguments()[0];
      Class<?> elementClass = element instanceof Class<?> c ? c
          : element instanceof ParameterizedType pe && pe.getRawType() instanceof Class<?> c ? c : null;
      if (elementClass != null) {
        return list(codec(elementClass, element, where + "[]", enclosing));
      }
    }
    throw new IllegalArgumentException("record component " + where + " has type " + generic.getTypeName()
        + ", which a binary RecordSerde does not support (primitives and their boxes, String, enums, byte[],"
        + " records, and List of those)");
  }
}
