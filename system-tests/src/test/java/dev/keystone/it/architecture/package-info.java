/** The architecture's key truths as build rules over every module's classes. */
package dev.keystone.it.architecture;
