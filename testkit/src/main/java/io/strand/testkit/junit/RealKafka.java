package io.strand.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka: parameters of type
 * {@link io.strand.testkit.kafka.KafkaCluster} or {@link io.strand.testkit.kafka.KafkaTestClient}
 * (in constructors, lifecycle methods and test methods) are resolved by {@link KafkaExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface RealKafka {
}
