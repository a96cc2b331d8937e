vcl 4.1;
# Shared page cache for anonymous visitors (deploy/prod.sh renders @APP_PORT@).
#
# The application decides what may be shared: it sends `Cache-Control: public, s-maxage=…` only on
# public pages answered to an anonymous visitor without a form token (cms/cache_headers.py); this
# file caches exactly those and passes everything else. Wagtail's frontend-cache module sends PURGE
# when a page is published or unpublished, and home/signals.py purges everything (PURGE of
# /.purge-all) when pages move or are deleted and when the contact settings or a snippet change.

import std;

backend portal {
    .host = "127.0.0.1";
    .port = "@APP_PORT@";
    .connect_timeout = 2s;
    .first_byte_timeout = 90s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Objects carry their path (X-Url, removed before delivery): a purge reaches every host
        # name the page was cached under, and /.purge-all reaches every object.
        if (req.url == "/.purge-all") {
            ban("obj.http.X-Url ~ ^/");
        } else {
            ban("obj.http.X-Url == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors, previews, the API's writes and the citizens' private pages never come from the cache.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/documents/" || req.url ~ "^/phan-anh-to-giac/"
        || req.url ~ "^/tra-cuu-ho-so/" || req.url ~ "^/ho-so/" || req.url ~ "/nop-ho-so/"
        || req.url ~ "^/api/v1/(reports|applications)" || req.url ~ "^/api/(reports|applications)") {
        return (pass);
    }
    # Analytics cookies (_ga, _gid, _fbp, utm…) change nothing on the page: dropped.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;\s*)(_[a-z0-9_]+|utm[a-z_]*|has_js)=[^;]*", "");
        set req.http.Cookie = regsub(req.http.Cookie, "^;\s*", "");
        if (req.http.Cookie ~ "^\s*$") {
            unset req.http.Cookie;
        }
    }
    # A signed-in editor (sessionid) sees drafts, the user bar and previews: never shared.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Other cookies (csrftoken, the language) do not change a shared page: the application does
    # not mark pages carrying a form token as public, so keeping csrftoken here is safe.
    if (req.http.Cookie) {
        set req.http.X-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    # Tracking parameters do not change the page.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid)=[^&]*&?", "\1");
    set req.url = regsub(req.url, "[?&]+$", "");
    return (hash);
}

sub vcl_pass {
    if (req.http.X-Cookie) {
        set req.http.Cookie = req.http.X-Cookie;
        unset req.http.X-Cookie;
    }
}

sub vcl_miss {
    # The backend sees the cookies: a form page must find its csrftoken to reuse it.
    if (req.http.X-Cookie) {
        set req.http.Cookie = req.http.X-Cookie;
        unset req.http.X-Cookie;
    }
}

sub vcl_backend_response {
    set beresp.http.X-Url = regsub(bereq.url, "\?.*$", "");
    # Only what the application declared shared (public with a max-age) is kept, and never a
    # response that sets a cookie or says private/no-store/no-cache.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "public" || beresp.http.Cache-Control !~ "max-age") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A short grace: while the page is refetched after its time, visitors get the old copy. A purge
    # (ban) removes the object and its grace alike.
    set beresp.grace = 30s;
    return (deliver);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_deliver {
    unset resp.http.X-Url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers keep the page at most max-age; s-maxage is meant for this cache only.
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, ",?\s*s-maxage=\d+", "");
    }
}
