// Builds a HAR 1.2 log from the DevTools protocol's Network domain, the way a browser's own "export HAR" does:
// one entry per HTTP request (a redirect hop is an entry of its own), headers as they went over the wire
// (the *ExtraInfo events; the plain events carry only what the page set), request bodies as postData (form
// bodies as params, which HAR 1.2 makes exclusive of text), response bodies from Network.getResponseBody
// (for a 304 that is the cached body, as DevTools exports it), timings from the response's timing block, and
// Chromium's `_resourceType`.
'use strict';

const FORM = 'application/x-www-form-urlencoded';

class HarRecorder {
  #cdp;
  #records = new Map();   // requestId -> record of the hop in flight
  #done = [];             // finished records, in the order requests started
  #bodyReads = new Set(); // getResponseBody / getRequestPostData calls still running
  #pages = [];

  constructor(cdp) {
    this.#cdp = cdp;
  }

  async start() {
    const on = (event, handler) => this.#cdp.on(event, params => handler.call(this, params));
    on('Network.requestWillBeSent', this.#onRequest);
    on('Network.requestWillBeSentExtraInfo', p => { this.#extra(p.requestId).requestHeaders = p.headers; });
    on('Network.responseReceived', this.#onResponse);
    on('Network.responseReceivedExtraInfo', p => {
      const extra = this.#extra(p.requestId);
      extra.responseHeaders = p.headers;
      extra.statusCode = p.statusCode;
    });
    on('Network.dataReceived', p => {
      const r = this.#records.get(p.requestId);
      if (r) r.dataLength += p.dataLength;
    });
    on('Network.loadingFinished', this.#onFinished);
    on('Network.loadingFailed', p => this.#complete(p.requestId, p.timestamp, p.errorText));
    // Large enough that no request body in the scenario is cut from the event (bodies are then read in full).
    await this.#cdp.send('Network.enable', { maxPostDataSize: 1 << 20 });
  }

  /** Entries made from now on belong to a new page (a navigation). */
  beginPage(title) {
    this.#pages.push({ startedDateTime: new Date().toISOString(), id: `page_${this.#pages.length + 1}`, title, pageTimings: {} });
  }

  /** Waits until every request seen so far has finished and its body has been read. */
  async settle(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (this.#records.size > 0 || this.#bodyReads.size > 0) {
      if (Date.now() > deadline) {
        throw new Error(`HAR recorder: ${this.#records.size} requests still in flight after ${timeoutMs} ms`);
      }
      await Promise.allSettled([...this.#bodyReads]);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  toHar(browserVersion) {
    return {
      log: {
        version: '1.2',
        creator: { name: 'apisentinel-test-recorder', version: '1.0' },
        browser: { name: 'Chromium', version: browserVersion },
        pages: this.#pages,
        entries: this.#done.filter(r => !r.failed).sort((a, b) => a.startMonotonic - b.startMonotonic).map(r => this.#entry(r)),
      },
    };
  }

  // Extra-info events may come before or after the event they complete; they are kept by request id.
  #extras = new Map();
  #extra(requestId) {
    let extra = this.#extras.get(requestId);
    if (!extra) this.#extras.set(requestId, extra = {});
    return extra;
  }

  #onRequest(p) {
    if (p.redirectResponse) {
      // The previous hop ends here: its response is the redirect; the new hop reuses the request id.
      const hop = this.#records.get(p.requestId);
      if (hop) {
        hop.response = p.redirectResponse;
        this.#finishHop(hop, p.requestId, p.timestamp);
        this.#records.delete(p.requestId);
      }
    }
    const scheme = p.request.url.split(':', 1)[0];
    if (scheme !== 'http' && scheme !== 'https') return; // data:, blob: and the like never touch the network
    const record = {
      requestId: p.requestId,
      pageref: this.#pages.at(-1)?.id,
      request: p.request,
      resourceType: (p.type ?? 'Other').toLowerCase(),
      wallTime: p.wallTime,
      startMonotonic: p.timestamp,
      dataLength: 0,
      postData: undefined,
    };
    this.#records.set(p.requestId, record);
    if (p.request.postDataEntries) {
      record.postData = Buffer.concat(p.request.postDataEntries.map(e => Buffer.from(e.bytes ?? '', 'base64')));
    } else if (p.request.postData !== undefined) {
      record.postData = Buffer.from(p.request.postData, 'utf8');
    } else if (p.request.hasPostData) {
      this.#read(this.#cdp.send('Network.getRequestPostData', { requestId: p.requestId })
        .then(r => { record.postData = Buffer.from(r.postData, r.base64Encoded ? 'base64' : 'utf8'); }));
    }
  }

  #onResponse(p) {
    const r = this.#records.get(p.requestId);
    if (r) r.response = p.response;
  }

  #onFinished(p) {
    const r = this.#records.get(p.requestId);
    if (!r) return;
    r.transferSize = p.encodedDataLength;
    this.#read(this.#cdp.send('Network.getResponseBody', { requestId: p.requestId })
      .then(body => { r.body = body; }, () => { r.body = undefined; }));
    this.#complete(p.requestId, p.timestamp);
  }

  #complete(requestId, timestamp, errorText) {
    const r = this.#records.get(requestId);
    if (!r) return;
    if (errorText !== undefined) r.failed = errorText;
    this.#finishHop(r, requestId, timestamp);
    this.#records.delete(requestId);
  }

  #finishHop(r, requestId, timestamp) {
    r.endMonotonic = timestamp;
    r.extra = this.#extras.get(requestId) ?? {};
    this.#extras.delete(requestId); // a redirect's next hop gets its own extra-info events
    this.#done.push(r);
  }

  #read(promise) {
    const tracked = promise.catch(() => {}).finally(() => this.#bodyReads.delete(tracked));
    this.#bodyReads.add(tracked);
  }

  #entry(r) {
    const requestHeaders = harHeaders(r.extra.requestHeaders ?? r.request.headers);
    const response = r.response ?? { status: 0, statusText: '', headers: {}, mimeType: '', protocol: '' };
    const responseHeaders = harHeaders(r.extra.responseHeaders ?? response.headers);
    const status = r.extra.statusCode ?? response.status;
    const httpVersion = (response.protocol || 'http/1.1').toUpperCase();
    const timings = harTimings(response.timing, r.endMonotonic);
    const url = new URL(r.request.url);
    const entry = {
      pageref: r.pageref,
      startedDateTime: new Date(r.wallTime * 1000).toISOString(),
      // HAR: ssl is already part of connect.
      time: Object.entries(timings).filter(([k, v]) => k !== 'ssl' && v > 0).reduce((a, [, v]) => a + v, 0),
      request: {
        method: r.request.method,
        url: r.request.url,
        httpVersion,
        cookies: requestCookies(header(requestHeaders, 'cookie')),
        headers: requestHeaders,
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        headersSize: -1,
        bodySize: r.postData?.length ?? 0,
      },
      response: {
        status,
        statusText: response.statusText ?? '',
        httpVersion,
        cookies: responseCookies(responseHeaders),
        headers: responseHeaders,
        content: harContent(r, response),
        redirectURL: header(responseHeaders, 'location') ?? '',
        headersSize: -1,
        // A 304 carries no body on the wire, whatever the cache hands the page.
        bodySize: status === 304 ? 0 : -1,
        _transferSize: r.transferSize ?? -1,
      },
      cache: {},
      timings,
      serverIPAddress: response.remoteIPAddress ?? '',
      connection: response.connectionId === undefined ? '' : String(response.connectionId),
      _resourceType: r.resourceType,
    };
    if (r.postData !== undefined) entry.request.postData = harPostData(r.postData, header(requestHeaders, 'content-type'));
    if (entry.pageref === undefined) delete entry.pageref;
    return entry;
  }
}

/** CDP headers are an object; a repeated header is one value with lines. HAR wants a list of pairs. */
function harHeaders(object) {
  return Object.entries(object ?? {}).flatMap(([name, value]) => String(value).split('\n').map(v => ({ name, value: v })));
}

function header(headers, name) {
  return headers.find(h => h.name.toLowerCase() === name)?.value;
}

function requestCookies(value) {
  if (!value) return [];
  return value.split(';').map(part => part.trim()).filter(Boolean).map(part => {
    const eq = part.indexOf('=');
    return eq < 0 ? { name: part, value: '' } : { name: part.slice(0, eq), value: part.slice(eq + 1) };
  });
}

function responseCookies(headers) {
  return headers.filter(h => h.name.toLowerCase() === 'set-cookie').map(h => {
    const [pair, ...attributes] = h.value.split(';').map(s => s.trim());
    const eq = pair.indexOf('=');
    const cookie = eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    for (const attribute of attributes) {
      const [key, val] = attribute.split('=');
      switch (key.toLowerCase()) {
        case 'path': cookie.path = val; break;
        case 'domain': cookie.domain = val; break;
        case 'expires': cookie.expires = new Date(val).toISOString(); break;
        case 'httponly': cookie.httpOnly = true; break;
        case 'secure': cookie.secure = true; break;
      }
    }
    return cookie;
  });
}

function harPostData(bytes, contentType) {
  const mimeType = contentType ?? '';
  if (mimeType.split(';', 1)[0].trim().toLowerCase() === FORM) {
    // HAR 1.2: "text and params fields are mutually exclusive". Recorders that parse a form write params only.
    return { mimeType, params: [...new URLSearchParams(bytes.toString('utf8'))].map(([name, value]) => ({ name, value })) };
  }
  return { mimeType, text: bytes.toString('utf8') };
}

function harContent(r, response) {
  const content = { size: r.dataLength, mimeType: response.mimeType ?? '' };
  if (r.body) {
    content.text = r.body.body;
    if (r.body.base64Encoded) content.encoding = 'base64';
    if (content.size === 0) content.size = Buffer.byteLength(r.body.body, r.body.base64Encoded ? 'base64' : 'utf8');
  }
  return content;
}

/** HAR timings (ms) from CDP's ResourceTiming: offsets in ms from requestTime (s); -1 when a phase did not happen. */
function harTimings(t, endMonotonic) {
  if (!t) return { send: 0, wait: 0, receive: 0 };
  const span = (start, end) => (start >= 0 && end >= 0 ? end - start : -1);
  const firstStart = [t.dnsStart, t.connectStart, t.sendStart].find(v => v >= 0) ?? 0;
  return {
    blocked: firstStart,
    dns: span(t.dnsStart, t.dnsEnd),
    connect: span(t.connectStart, t.connectEnd),
    ssl: span(t.sslStart, t.sslEnd),
    send: Math.max(0, span(t.sendStart, t.sendEnd)),
    wait: Math.max(0, span(t.sendEnd, t.receiveHeadersEnd)),
    receive: Math.max(0, (endMonotonic - t.requestTime) * 1000 - t.receiveHeadersEnd),
  };
}

module.exports = { HarRecorder };
