package dev.keystone.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The archive under test: exactly the EAR the build produced. */
public final class Deployments {

  private Deployments() {}

  /** The built {@code keystone.ear}. */
  public static EnterpriseArchive ear() {
    var ear = new File(System.getProperty("keystone.ear"));
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
  }
}
