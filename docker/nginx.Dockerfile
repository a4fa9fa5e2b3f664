# Debian's nginx, as on the machines that run `npm run cluster`; its configuration is mounted
# from nginx/ by docker-compose.yml (marquee.conf, proxy.conf, upstream.<mode>.conf).
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
