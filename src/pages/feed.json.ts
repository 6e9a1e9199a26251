import type { APIRoute } from 'astro';
import { jsonFeedResponse } from '../data/feeds';

export const GET: APIRoute = () => jsonFeedResponse();
