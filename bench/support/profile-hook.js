'use strict';
// Preloaded into the API process when BENCH_API_PROFILE is set (node -r; the bench then opens an
// IPC channel to it). The message 'profile:start' starts the V8 CPU profiler; 'profile:stop'
// writes <BENCH_API_PROFILE>/api-<pid>-<n>.cpuprofile (open it in Chrome DevTools) and answers
// with the file name. Lets a benchmark profile just its measured window.
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_API_PROFILE;
if (dir && process.send) {
  const session = new Session();
  session.connect();
  let count = 0;
  process.on('message', (message) => {
    if (message === 'profile:start') {
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 250 }, () =>
          session.post('Profiler.start', () => process.send('profile:started')),
        ),
      );
    } else if (message === 'profile:stop') {
      session.post('Profiler.stop', (error, result) => {
        if (error) return process.send(`profile:error ${error.message}`);
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `api-${process.pid}-${++count}.cpuprofile`);
        writeFileSync(file, JSON.stringify(result.profile));
        process.send(`profile:written ${file}`);
      });
    }
  });
  // The IPC channel must not keep the process alive on its own.
  process.channel?.unref();
}
