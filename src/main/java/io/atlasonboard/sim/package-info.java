/**
 * Local simulator of the GlobalSign Atlas HVCA API v2 (ATLAS-API.md "Simulator checklist" items 1-19),
 * used by the tests and by the application's sandbox mode. Entry point: {@link io.atlasonboard.sim.AtlasSimulator}.
 *
 * <p>Decisions where the sources are silent (see ATLAS-API.md "inferred"):
 * <ul>
 *   <li>No client certificate on {@code /v2}: {@code 400 "No required SSL certificate was sent"} (problem+json), as
 *       nginx answers with optional client verification; the portal endpoints need no certificate. An untrusted or
 *       expired certificate fails the TLS handshake (TLS 1.2: the client sees {@code SSLHandshakeException}; TLS 1.3: the
 *       connection closes before any HTTP request is read).</li>
 *   <li>Login with a certificate whose serial is not bound to the key (key and secret right):
 *       {@code 401 "Unauthorized: client certificate is not linked to this API key"}; wrong key or secret: plain
 *       {@code 401 "Unauthorized"}.</li>
 *   <li>Every problem body carries a random {@code id}. Body present but {@code Content-Length} missing (or chunked):
 *       411; {@code Content-Length: 0} where a body is required: 400.</li>
 *   <li>Immediate DNS check that fails: {@code 422 "error verifying domain claim"} with {@code errors.dns} and an ERROR
 *       log entry (deferred mode: 201, then the outcome appears in the claim and its log).</li>
 *   <li>ADN list: the claimed name and each parent with at least two labels (no public-suffix list). A verified claim
 *       covers the name, its subdomains and {@code *.name} (configurable).</li>
 *   <li>Reassert of a verified, unexpired claim keeps it VERIFIED with a new token and deadline.</li>
 *   <li>STATIC policy fields may be omitted or sent with exactly the static value; unknown request fields: 400.</li>
 *   <li>Policy list entry "." matches any DNS name, "@" any e-mail address.</li>
 *   <li>Serials: either hex case, and without leading zeros (a client that parses them as numbers); separators or
 *       more than 16 bytes: 422 "invalid serial number length".</li>
 *   <li>Rekey: 201 + Location of a new serial; the new certificate keeps the old one's subject, SANs, extensions and
 *       end date, starts now, counts as an issuance; a certificate that is not ISSUED (or expired): 409.</li>
 *   <li>HTTP validation: {@code /.well-known/pki-validation/gsdv.txt} (GlobalSign's GCC path; unconfirmed for Atlas),
 *       a line equal to the token, default scheme https, no redirects, the site's certificate not checked.</li>
 *   <li>E-mail validation: the five constructed addresses for every ADN plus the SOA RNAME; approval through
 *       {@code /portal/sandbox-mail}; a mail sent before a reassert no longer verifies.</li>
 * </ul>
 */
package io.atlasonboard.sim;
