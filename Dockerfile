# The opsgraph API on the current Node.js LTS (26; the code also runs on Node 20.19+).
# Build: docker build -t opsgraph .   (docker compose up builds it too)
FROM node:26-trixie AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 compiles here when no prebuilt binary matches; the full image has python3, make and g++.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:26-trixie-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json .swcrc ./
COPY src ./src
COPY schema ./schema
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# --max-semi-space-size=32 as in `npm start`: see README "Performance" (young-generation GC).
CMD ["node", "--max-semi-space-size=32", "-r", "@swc-node/register", "src/main.ts"]
