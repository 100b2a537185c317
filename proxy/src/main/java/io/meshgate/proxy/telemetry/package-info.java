/** What the engine reports about its traffic: exchange records and listeners for metrics and logs. */
@NullMarked
package io.meshgate.proxy.telemetry;

import org.jspecify.annotations.NullMarked;
