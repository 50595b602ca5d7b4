/**
 * JDBC helpers shared by the libraries: finding the host application's data source by name, and
 * connections for the few operations that may outlast the data source's per-statement deadline.
 */
package dev.keystone.platform.jdbc;
