// HTTP calls to the server. Errors carry the contract's error code (problem+json `code`).

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
  503: 'unavailable',
};

async function send(method: string, path: string, token?: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError('offline', 0, String(error));
  }
  if (!response.ok) {
    let code = STATUS_CODES[response.status] ?? 'unknown';
    let detail = response.statusText;
    try {
      const problem = (await response.json()) as { code?: string; detail?: string; title?: string };
      code = problem.code ?? code;
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // Not problem+json: keep the status's code.
    }
    throw new ApiError(code, response.status, detail);
  }
  return response;
}

export async function getJson<T>(path: string, token?: string | null): Promise<T> {
  return (await (await send('GET', path, token)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown, token?: string | null): Promise<T> {
  return (await (await send('POST', path, token, body)).json()) as T;
}

export async function putJson<T>(path: string, body: unknown, token?: string | null): Promise<T> {
  return (await (await send('PUT', path, token, body)).json()) as T;
}

export async function deleteJson(path: string, token?: string | null): Promise<void> {
  await send('DELETE', path, token);
}

/** Downloads a file that needs the Authorization header (a plain link cannot send it). */
export async function download(path: string, token: string, fallbackName: string): Promise<void> {
  const response = await send('GET', path, token);
  const blob = await response.blob();
  const name = fileName(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileName(disposition: string | null): string | null {
  if (!disposition) {
    return null;
  }
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}
