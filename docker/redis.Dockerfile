# Debian's Redis (7.0 in bookworm) for BullMQ queues and the seat-change channel; append-only
# file on the volume at /data.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown redis:redis /data
VOLUME /data
EXPOSE 6379
USER redis
WORKDIR /data
HEALTHCHECK --interval=3s --timeout=3s --retries=20 CMD ["redis-cli", "ping"]
CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--dir", "/data", "--appendonly", "yes"]
