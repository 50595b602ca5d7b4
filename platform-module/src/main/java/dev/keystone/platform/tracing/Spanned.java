package dev.keystone.platform.tracing;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A span around every call of the annotated bean's business methods, named {@code Class.method}
 * (docs/tracing.md). On an application service it wraps the JTA transaction, commit included: the
 * span of the request's database work.
 */
@Inherited
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Spanned {}
