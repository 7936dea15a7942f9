/** Tenant API: the publishing calendar and its approvals (approval rules live with the settings). */
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { POST_OPERATIONS as OPS } from '../contracts/http';
import {
  approvePost,
  createPost,
  deletePost,
  getPost,
  listPosts,
  rejectPost,
  updatePost,
} from '../core/manage-posts';
import { awsPostsApiRuntime, postsApiFromRuntime, type PostsApiRuntime } from '../wiring/calendar';

export function createHandler(rt: PostsApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const { calendar: pub, content, httpIdempotency } = postsApiFromRuntime(rt);
  return httpHandler(
    { ...rt, httpIdempotency },
    {
      [`POST ${API_PREFIX}/posts`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.createPost);
        return json(201, await createPost(pub, who.tenantId, body, who.actor));
      },
      [`GET ${API_PREFIX}/posts`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.listPosts);
        return json(
          200,
          await listPosts(pub, who.tenantId, { limit: query.limit, cursor: query.cursor }, query.status),
        );
      },
      [`GET ${API_PREFIX}/posts/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getPost);
        const post = await getPost(pub, who.tenantId, params.id);
        // each published target links to its synced content and figures
        const links = await content.linksFor(who.tenantId, post.targets);
        return json(200, {
          ...post,
          targets: post.targets.map((t, i) => ({ ...t, content: links[i] ?? null })),
        });
      },
      [`PATCH ${API_PREFIX}/posts/{id}`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.patchPost);
        return json(200, await updatePost(pub, who.tenantId, params.id, body, who.actor));
      },
      [`DELETE ${API_PREFIX}/posts/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.deletePost);
        await deletePost(pub, who.tenantId, params.id, who.actor);
        return { statusCode: 204, body: '' };
      },
      [`POST ${API_PREFIX}/posts/{id}/approve`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.approvePost);
        return json(200, await approvePost(pub, who.tenantId, params.id, who.actor));
      },
      [`POST ${API_PREFIX}/posts/{id}/reject`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.rejectPost);
        return json(200, await rejectPost(pub, who.tenantId, params.id, who.actor));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsPostsApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
