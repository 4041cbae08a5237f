package org.pbsj.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** {@code /api2/json}: the web application's context root is {@code /api2}. */
@ApplicationPath("/json")
public class JsonApi extends Application {
}
