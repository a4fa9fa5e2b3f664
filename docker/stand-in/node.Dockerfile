# Stand-in for the official node:20-bookworm-slim, built by scripts/docker-engine.sh only where no
# registry is reachable (this CI): debian:bookworm-slim (itself a debootstrap stand-in there) plus
# the build machine's Node.js and npm under /usr/local and a `node` user with uid 1000, as the
# official image has. The context is prepared by the script.
FROM debian:bookworm-slim
ARG NODE_VERSION
COPY usr/local /usr/local
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
# The build machine's extra CAs (NODE_EXTRA_CA_CERTS), when it has any: see scripts/docker-engine.sh.
ARG EXTRA_CA_CERTS=
ENV NODE_VERSION=$NODE_VERSION NODE_EXTRA_CA_CERTS=$EXTRA_CA_CERTS
CMD ["node"]
