/** Tenant API: the publishing calendar and its approvals (approval rules live with the settings). */
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
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
import { PUBLISHING_MODULE } from '../module';
import { awsPostsApiRuntime, postsApiFromRuntime, type PostsApiRuntime } from '../wiring/calendar';

export function createHandler(rt: PostsApiRuntime) {
  const { calendar: pub, content } = postsApiFromRuntime(rt);
  return tenantApi(rt, PUBLISHING_MODULE, (route) => ({
    [`POST ${API_PREFIX}/posts`]: route(
      OPS.createPost,
      (who, { body }) => createPost(pub, who.tenantId, body, who.actor),
      201,
    ),
    [`GET ${API_PREFIX}/posts`]: route(OPS.listPosts, (who, { query }) =>
      listPosts(pub, who.tenantId, { limit: query.limit, cursor: query.cursor }, query.status),
    ),
    [`GET ${API_PREFIX}/posts/{id}`]: route(OPS.getPost, async (who, { params }) => {
      const post = await getPost(pub, who.tenantId, params.id);
      // each published target links to its synced content and figures
      const links = await content.linksFor(who.tenantId, post.targets);
      return { ...post, targets: post.targets.map((t, i) => ({ ...t, content: links[i] ?? null })) };
    }),
    [`PATCH ${API_PREFIX}/posts/{id}`]: route(OPS.patchPost, (who, { params, body }) =>
      updatePost(pub, who.tenantId, params.id, body, who.actor),
    ),
    // 204: nothing to answer
    [`DELETE ${API_PREFIX}/posts/{id}`]: async (event) => {
      const who = callerFrom(event, rt.config.tenantClaim);
      const { params } = parseRequest(event, OPS.deletePost);
      await deletePost(pub, who.tenantId, params.id, who.actor);
      return { statusCode: 204, body: '' };
    },
    [`POST ${API_PREFIX}/posts/{id}/approve`]: route(OPS.approvePost, (who, { params }) =>
      approvePost(pub, who.tenantId, params.id, who.actor),
    ),
    [`POST ${API_PREFIX}/posts/{id}/reject`]: route(OPS.rejectPost, (who, { params }) =>
      rejectPost(pub, who.tenantId, params.id, who.actor),
    ),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsPostsApiRuntime, createHandler);
