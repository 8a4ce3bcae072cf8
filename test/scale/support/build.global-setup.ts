import { execFileSync } from 'node:child_process';

/** The scale suite runs the API and the worker as built (`dist/`), as production does: build once. */
export default function buildApp(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
