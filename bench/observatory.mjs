// Mozilla HTTP Observatory (npm @mdn/mdn-http-observatory) on a host:port pair.
// Its CLI only scans ports 80/443 of a host name; this runs the same retrieval, tests and
// grading as its scan() with the ports of the local production stack (bench/observatory.sh).
// Usage: node bench/observatory.mjs HOST HTTP_PORT HTTPS_PORT  -> JSON on stdout
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "../node_modules/@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreModifier,
} from "../node_modules/@mdn/mdn-http-observatory/src/grader/grader.js";
import { retrieve } from "../node_modules/@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS } from "../node_modules/@mdn/mdn-http-observatory/src/constants.js";

const [host, httpPort, httpsPort] = process.argv.slice(2);
const requests = await retrieve(host, { httpPort, httpsPort });
if (!requests.responses.auto) {
  console.log(JSON.stringify({ error: "The site seems to be down." }));
  process.exit(1);
}
let uncurved = 100;
let withExtraCredit = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(requests);
  if (result.result) {
    const modifier = getScoreModifier(result.result);
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    tests[result.constructor.name] = { result: result.result, pass: result.pass, scoreModifier: modifier };
  }
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
console.log(
  JSON.stringify(
    {
      url: requests.responses.auto.config?.url ?? null,
      statusCode: requests.responses.auto.status,
      grade: final.grade,
      score: final.score,
      tests,
    },
    null,
    2,
  ),
);
