# The site's caching rules for Varnish 7 (Debian's `varnish` package). No backend here: the
# file that includes this one declares it (default.vcl, or `make serve-edge`'s own), so the
# same rules serve one app server or a director over several. docs/deploy.md explains them.
vcl 4.1;

import std;

# Who may purge: the app servers, which send their purges from this machine. Matched against
# client.ip, which a TLS terminator speaking the PROXY protocol sets to the reader's address,
# so readers who come in through it are never taken for loopback.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        if (req.method == "BAN") {
            if (req.url != "/") {
                return (synth(400, "BAN only takes /, which bans everything"));
            }
            # Lurker-friendly: a test on the object alone, so expired bans are cleared
            # in the background instead of piling up in front of every lookup.
            if (!std.ban("obj.http.x-url-path ~ .")) {
                return (synth(400, std.ban_error()));
            }
            return (synth(200, "Banned everything"));
        }
        # The app purges a page by its path: every variant of it goes, whatever the host,
        # query string or language header it was stored under.
        if (!std.ban("obj.http.x-url-path == " + regsub(req.url, "[?#].*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Purged"));
    }

    # Part of the cache key (vcl_hash): two values at most, whatever a client sends.
    if (req.http.X-Forwarded-Proto != "https") {
        unset req.http.X-Forwarded-Proto;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed-in users, the admin, the comment views and the health check are always live.
    # The language prefix (/es/, /fr/) may come first, as it does for the comment views.
    if (req.url ~ "^(/[a-z]{2}(-[a-z]{2,4})?)?/(admin|django-admin|comments|documents)(/|$)"
        || req.url ~ "^/healthz") {
        return (pass);
    }
    # A session (signed in, or a reader who has just commented), a flash message waiting, or
    # a commenter's own held comments: this reader's page is their own. The cookie names are
    # the app's SESSION_COOKIE_NAME and MESSAGE and OWN_COMMENTS cookies.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|ogp_own_comments)=") {
        return (pass);
    }
    # Every other cookie (a CSRF cookie, analytics) changes nothing the app renders for an
    # anonymous reader: without it, all of them share one stored copy.
    unset req.http.Cookie;
    # The language of a page comes from its path alone, though Django still answers
    # "Vary: Accept-Language": one copy for every browser language.
    unset req.http.Accept-Language;
    # Campaign tags do not change the page; the app ignores them too.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = std.querysort(req.url);
    # Fall through to Varnish's built-in rules: an Authorization header still passes.
}

sub vcl_hash {
    # Behind a TLS terminator, an http:// request gets a redirect to https://: keep it apart
    # from the page, or https readers would be sent round in a loop (see vcl_recv for why
    # only "https" is kept).
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # What PURGE bans on (see vcl_recv).
    set beresp.http.x-url-path = regsub(bereq.url, "[?#].*$", "");
    # Only what the app says may be kept is kept: without a lifetime of its own a response
    # would get Varnish's default two minutes, which no purge is sent for.
    if (!bereq.uncacheable && beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)="
        && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # How long to keep a page comes from the app: "public, s-maxage=N" for the time and
    # "stale-while-revalidate=M" for the grace, during which a stale copy is served while one
    # fetch refreshes it. A purge removes the copy outright, grace included. Responses that
    # set a cookie, or say private, no-cache or no-store, are never stored: Varnish's
    # built-in rules, which run after this, turn them into a "hit-for-miss" (the next
    # request goes to the app again, and may be stored).
}

sub vcl_deliver {
    unset resp.http.x-url-path;
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
}

sub vcl_synth {
    # A short plain answer for purges and refusals, instead of Varnish's HTML error page.
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
