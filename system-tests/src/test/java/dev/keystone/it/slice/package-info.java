/** The walking skeleton's slice, hop by hop, against the real servers. */
package dev.keystone.it.slice;
