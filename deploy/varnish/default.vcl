# Varnish in front of one app server on this machine. Copy this file and site.vcl to
# /etc/varnish/ (or start varnishd with -p vcl_path=<this folder>); for several app servers,
# replace the backend with a director (docs/deploy.md, "Varnish").
vcl 4.1;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

include "site.vcl";
