/**
 * The benchmark's floor, deployed beside the EAR only on the benchmark's Liberty nodes
 * (docs/benchmarks.md): one JAX-RS resource that returns a product-sized constant, with no filter,
 * no authentication and no CDI. Every read figure is also reported as a ratio to it. Nothing here
 * is in the production EAR.
 */
package dev.keystone.bench.bare;
