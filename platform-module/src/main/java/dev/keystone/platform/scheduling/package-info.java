/** Background rounds on the server's managed scheduler, each one failure-proof. */
package dev.keystone.platform.scheduling;
