package dev.keystone.bench;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.reactivestreams.Subscription;

/**
 * Liberty's Reactive Messaging wires every channel of the server's configuration into each
 * application, this WAR included, and the benchmark's nodes put their consumer channels on the
 * connector {@code keystone-off} (docs/consumers.md) that the EAR provides, not this WAR: this is
 * that connector for the bench WAR, silent, joining no consumer group. The bench WAR publishes and
 * consumes nothing.
 */
@ApplicationScoped
@Connector("keystone-off")
public class SilentChannels implements IncomingConnectorFactory {

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
