/**
 * Every Graph route file, in match order. New products (publishing, messaging, Marketing API) add a
 * `registerXRoutes` here. Order matters only among routes sharing a pattern: each `/:id` route has a guard
 * on the id's type, so they never overlap.
 */
import { registerAdsRoutes } from './ads-routes';
import { registerBatchRoutes } from './batch-routes';
import { registerAdListRoutes } from './ad-list-routes';
import { registerBusinessRoutes } from './business-routes';
import { registerConversionRoutes } from './conversions-routes';
import { registerInstagramRoutes } from './instagram-routes';
import { registerLeadRoutes } from './leads-routes';
import { registerOAuthRoutes } from './oauth-routes';
import { registerPageRoutes } from './pages-routes';
import { registerPublishingRoutes } from './publishing-routes';
import { registerCampaignWriteRoutes } from './campaign-write-routes';
import { registerInsightsRoutes } from './insights-routes';
import { GraphRouteRegistry } from './route-registry';
import { registerUserRoutes } from './user-routes';
import { registerCommentRoutes } from './comment-routes';
import { registerContentRoutes } from './content-routes';
import { registerMessagingRoutes } from './messaging-routes';
import { registerWhatsAppManagementRoutes } from './whatsapp-management-routes';

export function buildGraphRoutes(): GraphRouteRegistry {
  const r = new GraphRouteRegistry();
  registerBatchRoutes(r);
  // before the generic node routes, whose `/:id` would otherwise answer for containers and posts
  registerPublishingRoutes(r);
  registerCommentRoutes(r);
  registerContentRoutes(r);
  registerMessagingRoutes(r);
  registerWhatsAppManagementRoutes(r);
  registerCampaignWriteRoutes(r);
  registerInsightsRoutes(r);
  registerOAuthRoutes(r);
  registerUserRoutes(r);
  registerPageRoutes(r);
  registerInstagramRoutes(r);
  registerBusinessRoutes(r);
  registerAdsRoutes(r);
  registerAdListRoutes(r);
  registerLeadRoutes(r);
  registerConversionRoutes(r);
  return r;
}
