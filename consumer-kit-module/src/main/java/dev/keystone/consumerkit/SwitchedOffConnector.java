package dev.keystone.consumerkit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.reactivestreams.Subscription;

/**
 * The connector of a server whose consumers are switched off ({@code
 * KEYSTONE_CONSUMERS_CONNECTOR=keystone-off}): it never delivers anything and joins no consumer
 * group. Liberty validates channel wiring strictly, so a disabled channel ({@code enabled=false})
 * leaves its {@code @Incoming} method without upstream and fails the application; a channel on this
 * connector is wired and simply silent.
 */
@ApplicationScoped
@Connector(SwitchedOffConnector.NAME)
public class SwitchedOffConnector implements IncomingConnectorFactory {

  /** The connector's name, the value of {@code KEYSTONE_CONSUMERS_CONNECTOR} that switches off. */
  public static final String NAME = "keystone-off";

  /** True if the configured connector is this one: the server's consumers are off. */
  public static boolean isOff(String connector) {
    return NAME.equals(connector);
  }

  @Override
  public PublisherBuilder<? extends Message<?>> getPublisherBuilder(Config config) {
    return ReactiveStreams.fromPublisher(
        subscriber ->
            subscriber.onSubscribe(
                new Subscription() {
                  @Override
                  public void request(long n) {
                    // nothing ever arrives
                  }

                  @Override
                  public void cancel() {
                    // nothing to stop
                  }
                }));
  }
}
