/** The filter SPI: filters, their phases, results and chains. */
@NullMarked
package io.meshgate.proxy.filter;

import org.jspecify.annotations.NullMarked;
