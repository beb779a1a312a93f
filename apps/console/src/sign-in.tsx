import { useState } from 'preact/hooks';
import { ApiProblem, forgetKey, getJson, keepKey } from './api.js';
import type { OwnKey } from './types.js';

/** Asks for an API key, checks it with the API, and keeps it for this tab only. */
export function SignIn({ onSignedIn }: { onSignedIn: (key: OwnKey) => void }) {
  const [problem, setProblem] = useState<string | undefined>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('api-key') as HTMLInputElement;
    keepKey(field.value.trim());
    try {
      onSignedIn(await getJson<OwnKey>('/api-keys/me'));
    } catch (error) {
      forgetKey();
      setProblem(error instanceof ApiProblem ? error.message : 'The API could not be reached.');
    }
  };
  return (
    <form class="sign-in" onSubmit={submit}>
      <h2>Sign in</h2>
      <label for="api-key">API key</label>
      <input id="api-key" name="api-key" type="password" autocomplete="off" required />
      <button type="submit">Sign in</button>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
