"""gunicorn settings of the production stack (deploy/prod.sh; any server: `gunicorn -c deploy/gunicorn.conf.py`).

Workers are sized to the cores (2 x cores + 1, at most 8; PROD_WORKERS overrides). gunicorn's own
access log stays off: the application writes one JSON line per request (cms.access_log), without
the query string or the client address on citizens' private paths.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PROD_APP_PORT', '8001')}")
workers = int(os.environ.get("PROD_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 8))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Behind Varnish and nginx on the same machine: X-Forwarded-Proto from them is believed.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1") or "127.0.0.1"
# gunicorn 24+ opens a control socket in ~/.gunicorn shared by every instance: not needed.
control_socket_disable = True
