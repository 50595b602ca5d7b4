/** JDBC helpers shared by the libraries: finding the host application's data source by name. */
package dev.keystone.platform.jdbc;
